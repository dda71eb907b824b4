using System.Globalization;

namespace Clarify.Typed;

/// <summary>
/// One row of an insert does not fit in a request even on its own: split its series over
/// several inserts, or raise <see cref="Rpc.ClarifyClientOptions.MaxRequestBytes"/> if the server allows it.
/// </summary>
public sealed class ClarifyRequestTooLargeException : ClarifyException
{
    /// <summary>Creates the exception.</summary>
    public ClarifyRequestTooLargeException(int rowIndex, long requestBytes, long maxRequestBytes)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"Row {rowIndex} of the data frame needs a request of {requestBytes} bytes on its own, over the limit of {maxRequestBytes} bytes. Insert fewer series per call, or raise ClarifyClientOptions.MaxRequestBytes if your Clarify server accepts larger requests."))
    {
        RowIndex = rowIndex;
        RequestBytes = requestBytes;
        MaxRequestBytes = maxRequestBytes;
    }

    /// <summary>The index of the row that does not fit.</summary>
    public int RowIndex { get; }

    /// <summary>The size of the smallest request holding that row.</summary>
    public long RequestBytes { get; }

    /// <summary>The configured limit.</summary>
    public long MaxRequestBytes { get; }
}
