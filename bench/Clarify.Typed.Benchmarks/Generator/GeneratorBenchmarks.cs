using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Clarify.Typed.Benchmarks.Reporting;
using Clarify.Typed.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Clarify.Typed.Benchmarks.Generator;

/// <summary>
/// The credentials generator in a 500-file project, as the IDE drives it: a cold first run,
/// then a re-run per keystroke in an unrelated .cs file, and a re-run after an edit of the
/// credentials file. Each edit makes a new compilation (or driver) per run, as a keystroke does.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class GeneratorBenchmarks
{
    public const string StepsRerunFact = "Steps re-run";

    private const int SourceFiles = 500;
    private const int EditedFile = SourceFiles / 2;

    private CSharpCompilation _compilation = null!;
    private AdditionalText _credentials = null!;
    private AdditionalText _editedCredentials = null!;
    private SyntaxTree _editedFileBefore = null!;
    private SyntaxTree _editedFileAfter = null!;
    private GeneratorDriver _warm = null!;
    private GeneratorDriver _warmFloor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = GeneratorInputs.CreateCompilation(SourceFiles);
        _credentials = GeneratorInputs.Credentials(GeneratorInputs.CredentialsJson);
        _editedCredentials = GeneratorInputs.Credentials(GeneratorInputs.CredentialsJson.Replace("Plant A", "Plant B", StringComparison.Ordinal));
        _editedFileBefore = _compilation.SyntaxTrees.ElementAt(EditedFile);
        _editedFileAfter = GeneratorInputs.ParseSource(EditedFile, revision: 1);
        _warm = GeneratorInputs.CreateDriver(_credentials, trackSteps: false).RunGenerators(_compilation);
        if (_warm.GetRunResult().GeneratedTrees.Length != 1)
        {
            throw new InvalidOperationException("The generator produced no options class from the credentials file.");
        }

        _warmFloor = GeneratorInputs.CreateDriver(_credentials, trackSteps: false, new FloorGenerator()).RunGenerators(_compilation);
        RecordStepsRerun();
    }

    [Benchmark(Baseline = true, Description = "Cold run (new driver)")]
    public GeneratorDriver ColdRun() => GeneratorInputs.CreateDriver(_credentials, trackSteps: false).RunGenerators(_compilation);

    [Benchmark(Description = "Re-run after a .cs edit")]
    public GeneratorDriver RerunAfterSourceEdit() => _warm.RunGenerators(_compilation.ReplaceSyntaxTree(_editedFileBefore, _editedFileAfter));

    /// <summary>The part of <see cref="RerunAfterSourceEdit"/> that is the compiler's, not the generator's: making the edited compilation.</summary>
    [Benchmark(Description = "(.cs edit alone, no generator)")]
    public Compilation SourceEditWithoutGenerator() => _compilation.ReplaceSyntaxTree(_editedFileBefore, _editedFileAfter);

    /// <summary>The same keystroke under a generator that does nothing: Roslyn's own cost per run and per keystroke.</summary>
    [Benchmark(Description = "(.cs edit, do-nothing generator)")]
    public GeneratorDriver FloorRerunAfterSourceEdit() => _warmFloor.RunGenerators(_compilation.ReplaceSyntaxTree(_editedFileBefore, _editedFileAfter));

    [Benchmark(Description = "Re-run after a JSON edit")]
    public GeneratorDriver RerunAfterJsonEdit() => _warm.ReplaceAdditionalText(_credentials, _editedCredentials).RunGenerators(_compilation);

    /// <summary>
    /// Which pipeline steps ran again (New or Modified outputs) for each edit, from a driver that
    /// tracks its steps; the timed runs do not track, as a build does not.
    /// </summary>
    private void RecordStepsRerun()
    {
        GeneratorDriver tracked = GeneratorInputs.CreateDriver(_credentials, trackSteps: true).RunGenerators(_compilation);
        Record(nameof(ColdRun), tracked.GetRunResult());
        Record(nameof(RerunAfterSourceEdit), tracked.RunGenerators(_compilation.ReplaceSyntaxTree(_editedFileBefore, _editedFileAfter)).GetRunResult());
        Record(nameof(RerunAfterJsonEdit), tracked.ReplaceAdditionalText(_credentials, _editedCredentials).RunGenerators(_compilation).GetRunResult());
    }

    private static void Record(string method, GeneratorDriverRunResult run)
    {
        GeneratorRunResult result = run.Results.Single();
        string[] steps = [TrackingNames.Inputs, TrackingNames.CredentialsFiles, TrackingNames.Parsed, TrackingNames.Resolved];
        List<IncrementalStepRunReason> reasons =
        [
            .. steps.SelectMany(step => result.TrackedSteps.TryGetValue(step, out var runs) ? runs : []).SelectMany(s => s.Outputs).Select(o => o.Reason),
            .. result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason),
        ];
        int rerun = reasons.Count(r => r is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);
        BenchmarkFacts.Record(BenchmarkFacts.Key(nameof(GeneratorBenchmarks), method), StepsRerunFact, $"{rerun} of {reasons.Count}");
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new FactColumn(StepsRerunFact, "Generator step outputs computed anew (New or Modified) out of all tracked outputs; 0 means every model was reused from the cache"));
    }
}
