using UnionFs.Cli.Output;
using UnionFs.Cli.Parsing;
using UnionFs.Cli.Sources;

namespace UnionFs.Cli.Commands;

/// <summary><c>unionfs layers</c>: each layer with its size, digest, entry count and what it adds, changes and hides.</summary>
internal sealed class LayersCommand : Command
{
    public override string Name => "layers";

    public override string Arguments => "";

    public override string Summary => "Show each layer: size, digest, entries, and the paths it adds, changes and hides.";

    public override string Description =>
        "Show every layer, base first (the upper, if given, last): its size, digest, entry count, and the\n" +
        "paths it adds (A), changes (C) and hides with whiteouts (D) relative to the layers below it, plus the\n" +
        "directories it makes opaque (O: the layers below lose their contents there).";

    public override IReadOnlyList<OptionSpec> Accepts => [.. Options.Sources, Options.Json, Options.Summary];

    public override int MinArguments => 0;

    public override int MaxArguments => 0;

    public override int Execute(CommandContext context)
    {
        using var source = context.OpenSource();
        var branches = source.Branches;
        var results = new List<LayerJson>(branches.Count);
        for (var i = branches.Count - 1; i >= 0; i--)
        {
            var layer = source.Layers[i];
            context.Progress.Report($"analysing layer {branches.Count - i}/{branches.Count} ({layer.Source})…");
            var changes = LayerAnalysis.Analyse(layer.Branch, [.. branches.Skip(i + 1)]);
            results.Add(ToJson(layer, changes));
        }
        context.Progress.Clear();
        if (context.Json)
        {
            JsonOutput.Write(context.Out, [.. results], CliJsonContext.Output.LayerJsonArray);
            return ExitCodes.Success;
        }
        var summaryOnly = context.Arguments.Has(Options.Summary);
        for (var i = 0; i < results.Count; i++)
        {
            if (i > 0) context.Out.WriteLine();
            Write(context.Out, results[i], summaryOnly);
        }
        return ExitCodes.Success;
    }

    private static LayerJson ToJson(LayerInfo layer, LayerChanges changes)
    {
        var tar = layer.Tar;
        return new LayerJson(layer.Id, layer.Source, layer.BlobDigest, tar?.DiffId, tar?.MediaType,
            tar?.Size ?? changes.Bytes, tar?.EntryCount ?? changes.Entries,
            changes.Added, changes.Changed, changes.Hidden, changes.Opaque);
    }

    private static void Write(TextWriter output, LayerJson layer, bool summaryOnly)
    {
        output.WriteLine(layer.Id == LayerInfo.UpperId ? "upper" : "layer " + layer.Id);
        output.WriteLine($"  source:  {layer.Source}");
        if (layer.Digest is not null) output.WriteLine($"  digest:  {layer.Digest}");
        if (layer.DiffId is not null && layer.DiffId != layer.Digest) output.WriteLine($"  diff id: {layer.DiffId}");
        output.WriteLine($"  size:    {Text.Size(layer.Size)} ({Text.Number(layer.Size)} bytes)");
        output.WriteLine($"  entries: {Text.Number(layer.Entries)}");
        output.WriteLine($"  adds {Text.Number(layer.Added.Count)}, changes {Text.Number(layer.Changed.Count)}, hides {Text.Number(layer.Hidden.Count)}"
            + (layer.Opaque.Count > 0 ? $", opaque directories {Text.Number(layer.Opaque.Count)}" : ""));
        if (summaryOnly) return;
        var lines = layer.Added.Select(p => (Path: p, Letter: 'A'))
            .Concat(layer.Changed.Select(p => (Path: p, Letter: 'C')))
            .Concat(layer.Hidden.Select(p => (Path: p, Letter: 'D')))
            .Concat(layer.Opaque.Select(p => (Path: p, Letter: 'O')))
            .OrderBy(l => l.Path, StringComparer.Ordinal)
            .ThenBy(l => l.Letter);
        foreach (var (path, letter) in lines) output.WriteLine($"  {letter} {path}");
    }
}
