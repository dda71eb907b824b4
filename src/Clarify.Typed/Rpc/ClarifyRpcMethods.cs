namespace Clarify.Typed.Rpc;

/// <summary>The names of Clarify's JSON-RPC methods.</summary>
public static class ClarifyRpcMethods
{
    /// <summary><c>integration.insert</c>: write a data frame.</summary>
    public const string Insert = "integration.insert";

    /// <summary><c>integration.saveSignals</c>: create or update signals by input key.</summary>
    public const string SaveSignals = "integration.saveSignals";

    /// <summary><c>admin.selectSignals</c>: read signals.</summary>
    public const string SelectSignals = "admin.selectSignals";

    /// <summary><c>admin.publishSignals</c>: publish signals as items.</summary>
    public const string PublishSignals = "admin.publishSignals";

    /// <summary><c>clarify.selectItems</c>: read items.</summary>
    public const string SelectItems = "clarify.selectItems";

    /// <summary><c>clarify.dataFrame</c>: read item data.</summary>
    public const string DataFrame = "clarify.dataFrame";

    /// <summary><c>clarify.evaluate</c>: compute formulas over item data.</summary>
    public const string Evaluate = "clarify.evaluate";

    /// <summary><c>admin.connectSignals</c> (API 1.2alpha1): connect signals to an item.</summary>
    public const string ConnectSignals = "admin.connectSignals";

    /// <summary><c>admin.disconnectSignals</c> (API 1.2alpha1): disconnect signals from whatever item they are connected to.</summary>
    public const string DisconnectSignals = "admin.disconnectSignals";
}
