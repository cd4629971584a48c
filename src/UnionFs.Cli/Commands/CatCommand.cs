using UnionFs.Cli.Inspection;
using UnionFs.Cli.Parsing;

namespace UnionFs.Cli.Commands;

/// <summary><c>unionfs cat PATH...</c>: a file's bytes from the merged view, on standard output.</summary>
internal sealed class CatCommand : Command
{
    public override string Name => "cat";

    public override string Arguments => "PATH...";

    public override string Summary => "Print files of the merged view.";

    public override string Description =>
        "Write the contents of each file PATH of the merged view to standard output, byte for byte\n" +
        "(symbolic links are followed inside the union).";

    public override IReadOnlyList<OptionSpec> Accepts => Options.Sources;

    public override int MinArguments => 1;

    public override int MaxArguments => int.MaxValue;

    public override int Execute(CommandContext context)
    {
        using var source = context.OpenSource();
        var fs = source.FileSystem;
        var paths = context.Arguments.Positionals.Select(p => UnionReader.Normalize(fs, p)).ToList();
        foreach (var path in paths)
        {
            EntryCommands.Require(fs, path);
            if (UnionReader.IsDirectoryFollowingLinks(fs, path)) throw CliException.NotFound($"'{path}' is a directory");
        }
        // Every file is opened before the first byte is written, so a missing one (a dangling link) writes nothing.
        var inputs = new List<Stream>(paths.Count);
        try
        {
            foreach (var path in paths) inputs.Add(Open(fs, path));
            context.Console.WriteBinary(output =>
            {
                foreach (var input in inputs) input.CopyTo(output);
            });
        }
        finally
        {
            foreach (var input in inputs) input.Dispose();
        }
        return ExitCodes.Success;
    }

    private static System.IO.Abstractions.FileSystemStream Open(UnionFileSystem fs, string path)
    {
        try
        {
            return fs.File.OpenRead(path);
        }
        catch (FileNotFoundException)
        {
            throw CliException.NotFound($"'{path}': no such file (a dangling symbolic link)");
        }
    }
}
