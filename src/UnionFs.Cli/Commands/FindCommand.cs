using UnionFs.Cli.Output;
using UnionFs.Cli.Parsing;

namespace UnionFs.Cli.Commands;

/// <summary><c>unionfs find PATTERN</c>: paths of the merged view (or of each layer) that match a glob.</summary>
internal sealed class FindCommand : Command
{
    public override string Name => "find";

    public override string Arguments => "PATTERN";

    public override string Summary => "List paths matching a glob in the merged view, or in each layer with --layers.";

    public override string Description =>
        "List the paths of the merged view that match PATTERN, depth first, names sorted. A pattern without /\n" +
        "matches names at any depth (like find -name); one with / matches whole paths from the root. '*' and '?'\n" +
        "stop at /, '**' crosses it, [abc] [a-z] [!abc] are sets, \\ quotes. Quote the pattern for the shell.\n" +
        "With --layers: every layer's own entries (whiteouts included), base first, with the layer's id.";

    public override IReadOnlyList<OptionSpec> Accepts => [.. Options.Sources, Options.Json, Options.Layers];

    public override int MinArguments => 1;

    public override int MaxArguments => 1;

    public override int Execute(CommandContext context)
    {
        var pattern = Parse(context.Arguments.Positionals[0]);
        var perLayer = context.Arguments.Has(Options.Layers);
        using var source = context.OpenSource();
        var find = new ImageFind(source.LayerSet);
        var found = perLayer ? find.InLayers(pattern) : find.Merged(pattern);
        var rows = found.Select(f => new FoundJson(f.Path, Text.KindName(f.Kind), f.Size, f.LinkTarget, source.LayerAt(f.LayerIndex).Id,
            perLayer && f.IsOpaque ? true : null));
        if (context.Json)
        {
            JsonOutput.Write(context.Out, [.. rows], CliJsonContext.Output.FoundJsonArray);
            return ExitCodes.Success;
        }
        if (!perLayer)
        {
            foreach (var row in rows) context.Out.WriteLine(row.Path);
            return ExitCodes.Success;
        }
        var table = new List<string[]>();
        foreach (var row in rows)
        {
            var type = row.Opaque == true ? "directory (opaque)" : row.Type;
            var path = row.Target is null ? row.Path : row.Path + " -> " + row.Target;
            table.Add([row.Layer, type, path]);
        }
        Text.Table(context.Out, table);
        return ExitCodes.Success;
    }

    private static PathPattern Parse(string text)
    {
        try
        {
            return PathPattern.Parse(text);
        }
        catch (ArgumentException ex)
        {
            throw CliException.Usage(ex.Message.Split(" (Parameter", StringSplitOptions.None)[0].TrimEnd('.'));
        }
    }
}
