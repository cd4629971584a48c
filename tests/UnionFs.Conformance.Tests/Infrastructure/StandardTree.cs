namespace UnionFs.Conformance.Tests.Infrastructure;

/// <summary>
/// The tree every conformance test starts from, written through System.IO's own members so the real file
/// system and every union hold the same thing:
/// <code>
/// f.txt        "hello"
/// g.txt        "second file"
/// d/c.txt      "child"
/// d/sub/
/// e/           (empty)
/// lf -> f.txt  ld -> d  dangling -> missing.txt
/// </code>
/// </summary>
public static class StandardTree
{
    /// <summary>Writes the tree under <paramref name="root"/>.</summary>
    public static void Build(IFileSystem fs, string root)
    {
        fs.File.WriteAllText(root + "/f.txt", "hello");
        fs.File.WriteAllText(root + "/g.txt", "second file");
        fs.Directory.CreateDirectory(root + "/d/sub");
        fs.File.WriteAllText(root + "/d/c.txt", "child");
        fs.Directory.CreateDirectory(root + "/e");
        fs.File.CreateSymbolicLink(root + "/lf", "f.txt");
        fs.File.CreateSymbolicLink(root + "/ld", "d");
        fs.File.CreateSymbolicLink(root + "/dangling", "missing.txt");
    }
}
