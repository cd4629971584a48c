using UnionFs.Cli.Inspection;
using UnionFs.Cli.Output;
using UnionFs.Cli.Parsing;
using UnionFs.Cli.Sources;

namespace UnionFs.Cli.Commands;

/// <summary><c>unionfs stat PATH</c>: one entry of the merged view and the layers it comes from.</summary>
internal sealed class StatCommand : Command
{
    public override string Name => "stat";

    public override string Arguments => "PATH";

    public override string Summary => "Show an entry's type, size, mode, time and the layer it comes from.";

    public override string Description =>
        "Describe PATH of the merged view without following a final symbolic link: type, size, mode,\n" +
        "modification time, link target, and the layer it comes from (for a directory merged from\n" +
        "several layers, all of them, topmost first). Layer ids are those of 'unionfs layers'.";

    public override IReadOnlyList<OptionSpec> Accepts => [.. Options.Sources, Options.Json];

    public override int MinArguments => 1;

    public override int MaxArguments => 1;

    public override int Execute(CommandContext context)
    {
        using var source = context.OpenSource();
        var fs = source.FileSystem;
        var path = UnionReader.Normalize(fs, context.Argument(0, "/"));
        var entry = EntryCommands.Require(fs, path);
        var layers = Providers(source, PathResolver.ResolveParents(fs, path));
        if (context.Json)
        {
            var json = new StatJson(entry.Path, Text.TypeName(entry.Type), entry.Size, entry.Target, Text.Octal(entry.Mode), entry.ModifiedUtc,
                [.. layers.Select(l => l.Id)]);
            JsonOutput.Write(context.Out, json, CliJsonContext.Output.StatJson);
            return ExitCodes.Success;
        }
        var output = context.Out;
        output.WriteLine($"    Path: {entry.Path}");
        output.WriteLine($"    Type: {Text.TypeName(entry.Type)}");
        if (entry.Target is not null) output.WriteLine($"  Target: {entry.Target}");
        output.WriteLine($"    Size: {Text.Number(entry.Size)}");
        output.WriteLine($"    Mode: {Text.Octal(entry.Mode)} ({Text.ModeString(entry.Type, entry.Mode)})");
        output.WriteLine($"Modified: {Text.Time(entry.ModifiedUtc)}");
        if (layers.Count == 1) output.WriteLine($"   Layer: {layers[0].Describe()}");
        else if (layers.Count > 1) output.WriteLine($"  Layers: {string.Join(", ", layers.Select(l => l.Id))} (merged directory, topmost first)");
        return ExitCodes.Success;
    }

    private static List<LayerInfo> Providers(UnionSource source, string resolvedPath)
    {
        var found = BranchLookup.Find(source.Branches, resolvedPath);
        return found is null ? [] : [.. found.Branches.Select(i => source.Layers[i])];
    }
}
