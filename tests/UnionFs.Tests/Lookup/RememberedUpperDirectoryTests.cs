using System.IO.Abstractions;

namespace UnionFs.Tests.Lookup;

/// <summary>
/// A walk through a memory upper keeps the node of each directory it passed, so the next name in the directory is
/// looked up in that node's table without searching the path again. The node is only used while no entry has left
/// the branch since it was found: a directory moved away and made again, or a rolled-back checkpoint, must send
/// every later call to the directory now at the path. Where .NET has an answer, the real file system is the oracle.
/// </summary>
public class RememberedUpperDirectoryTests
{
    /// <summary>
    /// A recursive listing queues the directories it will enter; one of them is moved away and made again before the
    /// listing gets to it. .NET opens a queued directory by its path when it gets there, so it lists the new one.
    /// </summary>
    private static List<string> ListWhileADirectoryIsReplaced(IFileSystem fs, string root)
    {
        fs.Directory.CreateDirectory(fs.Path.Combine(root, "a"));
        fs.Directory.CreateDirectory(fs.Path.Combine(root, "b"));
        fs.File.WriteAllText(fs.Path.Combine(root, "a", "x.txt"), "x");
        fs.File.WriteAllText(fs.Path.Combine(root, "b", "old.txt"), "old");
        fs.File.WriteAllText(fs.Path.Combine(root, "z.txt"), "z");
        var seen = new List<string>();
        using var files = fs.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).GetEnumerator();
        // Read the top directory (which queues a and b) before anything changes: its last file comes out last.
        var top = new List<string>();
        while (files.MoveNext())
        {
            var relative = fs.Path.GetRelativePath(root, files.Current);
            if (relative == "z.txt")
            {
                fs.Directory.Move(fs.Path.Combine(root, "b"), fs.Path.Combine(root, "moved"));
                fs.Directory.CreateDirectory(fs.Path.Combine(root, "b"));
                fs.File.WriteAllText(fs.Path.Combine(root, "b", "new.txt"), "new");
            }
            seen.Add(relative);
        }
        // A real directory read while it changes may or may not show the names added meanwhile (the moved directory,
        // the new one a second time): what the test asks is what the queued directory lists.
        return [.. seen.Where(path => !path.StartsWith("moved", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal)];
    }

    [Test]
    public void ADirectoryReplacedWhileAListingHasItQueued_IsListedAsItIsNow()
    {
        var host = Directory.CreateTempSubdirectory("unionfs-requeued-").FullName;
        try
        {
            var expected = ListWhileADirectoryIsReplaced(new FileSystem(), host);
            expected.Should().Equal(["a/x.txt", "b/new.txt", "z.txt"], "the real directory is opened by its path when the listing gets to it");

            ListWhileADirectoryIsReplaced(new UnionFileSystem(new MemoryBranch()), "/").Should().Equal(expected);
        }
        finally
        {
            Directory.Delete(host, recursive: true);
        }
    }

    [Test]
    public void ADirectoryMovedAndMadeAgain_TakesTheNextWrites()
    {
        var fs = new UnionFileSystem(new MemoryBranch());
        fs.Directory.CreateDirectory("/d");
        fs.File.WriteAllText("/d/first.txt", "1");

        fs.Directory.Move("/d", "/kept");
        fs.Directory.CreateDirectory("/d");
        fs.File.WriteAllText("/d/second.txt", "2");

        fs.Directory.GetFiles("/d").Should().Equal("/d/second.txt");
        fs.Directory.GetFiles("/kept").Should().Equal("/kept/first.txt");
        fs.File.ReadAllText("/d/second.txt").Should().Be("2");
    }

    [Test]
    public void AfterARollback_WritesAndListingsUseTheRestoredDirectory()
    {
        var fs = new UnionFileSystem(new MemoryBranch());
        fs.Directory.CreateDirectory("/d");
        fs.File.WriteAllText("/d/before.txt", "b");
        var checkpoint = fs.Checkpoint();
        fs.File.WriteAllText("/d/lost.txt", "l");
        fs.Directory.GetFiles("/d").Should().HaveCount(2);

        fs.Rollback(checkpoint);
        fs.File.WriteAllText("/d/after.txt", "a");

        fs.Directory.GetFiles("/d").Should().Equal("/d/after.txt", "/d/before.txt");
        fs.File.ReadAllText("/d/after.txt").Should().Be("a");
    }
}
