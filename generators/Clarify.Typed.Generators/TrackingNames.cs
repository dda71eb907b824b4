namespace Clarify.Typed.Generators
{
    /// <summary>Names of the pipeline steps, so tests can check what the driver cached.</summary>
    public static class TrackingNames
    {
        /// <summary>Every additional file, read into a credentials input or null when it is not one.</summary>
        public const string Inputs = nameof(Inputs);

        /// <summary>The credentials files only.</summary>
        public const string CredentialsFiles = nameof(CredentialsFiles);

        /// <summary>Each file parsed and validated into a class model and diagnostics.</summary>
        public const string Parsed = nameof(Parsed);

        /// <summary>Each file after duplicate paths and clashing class names across files are resolved.</summary>
        public const string Resolved = nameof(Resolved);

        /// <summary>Each <c>[ClarifySignals]</c> type read into a signals model and diagnostics.</summary>
        public const string SignalsTypes = nameof(SignalsTypes);
    }
}
