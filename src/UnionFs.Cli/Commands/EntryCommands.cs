using UnionFs.Cli.Inspection;
using UnionFs.Cli.Output;

namespace UnionFs.Cli.Commands;

/// <summary>Helpers shared by the commands that read the merged view.</summary>
internal static class EntryCommands
{
    /// <summary>The entry at <paramref name="path"/> (not following a final link).</summary>
    /// <exception cref="CliException">Nothing is there (exit code 2).</exception>
    public static UnionEntry Require(UnionFileSystem fs, string path) =>
        UnionReader.Lstat(fs, path) ?? throw CliException.NotFound($"'{path}': no such file or directory");

    public static EntryJson ToJson(UnionEntry entry) => new(entry.Path, Text.TypeName(entry.Type), entry.Size, entry.Target);
}
