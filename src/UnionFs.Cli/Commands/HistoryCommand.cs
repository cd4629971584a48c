using UnionFs.Cli.Output;
using UnionFs.Cli.Parsing;
using UnionFs.Cli.Sources;

namespace UnionFs.Cli.Commands;

/// <summary><c>unionfs history PATH</c>: every layer that added, changed, deleted or made opaque a path or an ancestor.</summary>
internal sealed class HistoryCommand : Command
{
    private static readonly string[] Header = ["LAYER", "DIGEST", "KIND", "TYPE", "SIZE", "PATH"];

    public override string Name => "history";

    public override string Arguments => "PATH";

    public override string Summary => "Show every layer that added, changed, deleted or made opaque PATH or an ancestor.";

    public override string Description =>
        "List, base layer first, every layer that added, changed, deleted (whited out) or made opaque PATH,\n" +
        "or deleted, made opaque or replaced by a non-directory one of its ancestors. PATH is taken literally:\n" +
        "symbolic links on the way are not followed. Exits with 2 when no layer ever touched it.";

    public override IReadOnlyList<OptionSpec> Accepts => [.. Options.Sources, Options.Json];

    public override int MinArguments => 1;

    public override int MaxArguments => 1;

    public override int Execute(CommandContext context)
    {
        var path = context.Arguments.Positionals[0];
        using var source = context.OpenSource();
        var events = new ImageHistory(source.LayerSet).PathHistory(path);
        if (events.Count == 0) throw CliException.NotFound($"'{path}': no layer has it or changes an ancestor of it");
        var rows = events.Select(e => ToJson(source, e)).ToList();
        if (context.Json)
        {
            JsonOutput.Write(context.Out, [.. rows], CliJsonContext.Output.HistoryJsonArray);
            return ExitCodes.Success;
        }
        var table = new List<string[]> { Header };
        foreach (var row in rows)
        {
            var where = row.Ancestor ? row.Path + " (ancestor)" : row.Path;
            if (row.Target is not null) where += " -> " + row.Target;
            table.Add([row.Layer, Text.ShortDigest(row.Digest), row.Kind, row.Type, row.Type == "file" ? Text.Number(row.Size) : "-", where]);
        }
        Text.Table(context.Out, table);
        return ExitCodes.Success;
    }

    private static HistoryJson ToJson(UnionSource source, PathEvent e)
    {
        var layer = source.LayerAt(e.LayerIndex);
        return new HistoryJson(layer.Id, e.LayerDigest, KindName(e.Kind), e.Path, e.OnAncestor, Text.KindName(e.EntryKind), e.Size, e.LinkTarget);
    }

    private static string KindName(PathEventKind kind) => kind switch
    {
        PathEventKind.Added => "added",
        PathEventKind.Changed => "changed",
        PathEventKind.Deleted => "deleted",
        _ => "opaque",
    };
}
