using UnionFs.Cli.Inspection;
using UnionFs.Cli.Output;
using UnionFs.Cli.Parsing;

namespace UnionFs.Cli.Commands;

/// <summary><c>unionfs tree [PATH]</c>: the merged view as a tree, like the <c>tree</c> command.</summary>
internal sealed class TreeCommand : Command
{
    public override string Name => "tree";

    public override string Arguments => "[PATH]";

    public override string Summary => "Print the merged view as a tree.";

    public override string Description =>
        "Print the merged view below PATH (default /) as a tree, like the tree command: names sorted,\n" +
        "symbolic links shown with their targets and not followed, then a count of directories and files.\n" +
        "With --json: a flat array of {path, type, size, target} in the same order.";

    public override IReadOnlyList<OptionSpec> Accepts => [.. Options.Sources, Options.Json, Options.Depth];

    public override int MinArguments => 0;

    public override int MaxArguments => 1;

    public override int Execute(CommandContext context)
    {
        var depth = ParseDepth(context.Arguments.Value(Options.Depth));
        using var source = context.OpenSource();
        var fs = source.FileSystem;
        var path = UnionReader.Normalize(fs, context.Argument(0, "/"));
        var root = EntryCommands.Require(fs, path);
        if (!root.IsDirectory && !UnionReader.IsDirectoryFollowingLinks(fs, path))
            throw CliException.NotFound($"'{path}' is not a directory");
        if (context.Json)
        {
            var all = new List<EntryJson>();
            Walk(fs, path, depth, 1, (entry, _, _) => all.Add(EntryCommands.ToJson(entry)));
            JsonOutput.Write(context.Out, [.. all], CliJsonContext.Output.EntryJsonArray);
            return ExitCodes.Success;
        }
        var output = context.Out;
        output.WriteLine(path);
        long directories = 0, files = 0;
        Walk(fs, path, depth, 1, (entry, prefix, isLast) =>
        {
            var name = entry.Type == EntryType.SymbolicLink ? entry.Name + " -> " + entry.Target : entry.Name;
            output.WriteLine(prefix + (isLast ? "└── " : "├── ") + name);
            if (entry.IsDirectory) directories++;
            else files++;
        });
        output.WriteLine();
        output.WriteLine($"{Text.Number(directories)} {(directories == 1 ? "directory" : "directories")}, {Text.Number(files)} {(files == 1 ? "file" : "files")}");
        return ExitCodes.Success;
    }

    /// <summary>Visits the entries below <paramref name="path"/> depth first: (entry, the prefix of its line, whether it is its directory's last).</summary>
    private static void Walk(UnionFileSystem fs, string path, int? maxDepth, int depth, Action<UnionEntry, string, bool> visit, string prefix = "")
    {
        var entries = UnionReader.List(fs, path);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var isLast = i == entries.Count - 1;
            visit(entry, prefix, isLast);
            if (entry.IsDirectory && (maxDepth is null || depth < maxDepth))
                Walk(fs, entry.Path, maxDepth, depth + 1, visit, prefix + (isLast ? "    " : "│   "));
        }
    }

    private static int? ParseDepth(string? text)
    {
        if (text is null) return null;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var depth) && depth > 0) return depth;
        throw CliException.Usage($"--depth '{text}' is not a positive number");
    }
}
