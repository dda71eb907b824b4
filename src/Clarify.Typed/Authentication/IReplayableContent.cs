namespace Clarify.Typed.Authentication;

/// <summary>
/// Marks request content that writes the same bytes every time it is serialised (it renders
/// from data it holds rather than reading a one-shot stream), so the authentication handler can
/// replay it after a 401 without buffering the whole body in memory first.
/// </summary>
internal interface IReplayableContent
{
}
