using UnionFs.Cli.Inspection;
using UnionFs.Cli.Output;
using UnionFs.Cli.Parsing;

namespace UnionFs.Cli.Commands;

/// <summary><c>unionfs ls [PATH]</c>: a directory of the merged view, like <c>ls -l</c>.</summary>
internal sealed class LsCommand : Command
{
    public override string Name => "ls";

    public override string Arguments => "[PATH]";

    public override string Summary => "List a directory of the merged view (mode, size, name).";

    public override string Description =>
        "List the directory PATH of the merged view (default /), one entry a line: mode, size, name\n" +
        "(a directory ends in /, a symbolic link shows its target). A file or link is listed alone.";

    public override IReadOnlyList<OptionSpec> Accepts => [.. Options.Sources, Options.Json];

    public override int MinArguments => 0;

    public override int MaxArguments => 1;

    public override int Execute(CommandContext context)
    {
        using var source = context.OpenSource();
        var fs = source.FileSystem;
        var path = UnionReader.Normalize(fs, context.Argument(0, "/"));
        var entry = EntryCommands.Require(fs, path);
        var entries = entry.IsDirectory || (entry.Type == EntryType.SymbolicLink && UnionReader.IsDirectoryFollowingLinks(fs, path))
            ? UnionReader.List(fs, path)
            : [entry];
        if (context.Json)
        {
            JsonOutput.Write(context.Out, [.. entries.Select(EntryCommands.ToJson)], CliJsonContext.Output.EntryJsonArray);
            return ExitCodes.Success;
        }
        var sizes = entries.Select(e => e.IsDirectory ? "-" : Text.Number(e.Size)).ToList();
        var width = sizes.Count == 0 ? 0 : sizes.Max(s => s.Length);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var name = e.Type switch
            {
                EntryType.Directory => e.Name + "/",
                EntryType.SymbolicLink => e.Name + " -> " + e.Target,
                _ => e.Name,
            };
            context.Out.WriteLine($"{Text.ModeString(e.Type, e.Mode)}  {sizes[i].PadLeft(width)}  {name}");
        }
        return ExitCodes.Success;
    }
}
