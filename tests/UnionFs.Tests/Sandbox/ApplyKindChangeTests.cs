using System.IO.Abstractions.TestingHelpers;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Sandbox;

/// <summary>
/// <see cref="UnionFileSystem.ApplyTo(IFileSystem, string)"/> where a path changes kind (file, directory, symbolic link into
/// one another, with children, nested), applied to the lower's own directory and to a copy of it, on a
/// <see cref="MockFileSystem"/> and on the real disk: the target ends as the union showed it. The mock makes no link to a
/// target that does not exist (relative targets are not resolved from the link's directory), so cases with links run on
/// the real disk only.
/// </summary>
public class ApplyKindChangeTests
{
    private IFileSystem _disk = null!;
    private string _root = null!;
    private UnionFileSystem _fs = null!;

    /// <summary>One kind change: the lower's tree, then what the union does to it.</summary>
    public sealed record KindChange(string Name, string[] Lower, Action<IFileSystem> Change, bool HasLinks = true)
    {
        public override string ToString() => Name;
    }

    /// <summary>Every case on the real disk, and those without links on the mock.</summary>
    public static IEnumerable<TestCaseData> Cases() =>
        AllCases().SelectMany(c => new[] { true, false }.Where(real => real || !c.HasLinks)
            .Select(real => new TestCaseData(c, real).SetArgDisplayNames(c.Name, real ? "disk" : "mock")));

    public static IEnumerable<KindChange> AllCases()
    {
        yield return new KindChange("LinkToItselfBecomesDirectoryWithChildren", ["/c->c", "/keep=k"], fs =>
        {
            fs.File.Delete("/c");
            fs.Directory.CreateDirectory("/c/sub");
            fs.File.WriteAllText("/c/a.txt", "a");
            fs.File.WriteAllText("/c/sub/b.txt", "b");
        });
        yield return new KindChange("LinkToDirectoryBecomesDirectory", ["/real/x=x", "/c->real"], fs =>
        {
            fs.File.Delete("/c");
            fs.Directory.CreateDirectory("/c");
            fs.File.WriteAllText("/c/y", "y");
        });
        yield return new KindChange("FileBecomesDirectory", ["/f=old"], fs =>
        {
            fs.File.Delete("/f");
            fs.Directory.CreateDirectory("/f/inner");
            fs.File.WriteAllText("/f/inner/g", "g");
        }, HasLinks: false);
        yield return new KindChange("DirectoryBecomesFile", ["/d/a=1", "/d/sub/b=2"], fs =>
        {
            fs.Directory.Delete("/d", recursive: true);
            fs.File.WriteAllText("/d", "now a file");
        }, HasLinks: false);
        yield return new KindChange("DirectoryBecomesLink", ["/d/a=1", "/t/z=z"], fs =>
        {
            fs.Directory.Delete("/d", recursive: true);
            fs.File.CreateSymbolicLink("/d", "t");
        });
        yield return new KindChange("FileBecomesLink", ["/f=old"], fs =>
        {
            fs.File.Delete("/f");
            fs.File.CreateSymbolicLink("/f", "elsewhere");
        });
        yield return new KindChange("LinkBecomesFile", ["/l->f", "/f=target"], fs =>
        {
            fs.File.Delete("/l");
            fs.File.WriteAllText("/l", "a file now");
        });
        yield return new KindChange("LinkBecomesOtherLink", ["/l->one"], fs =>
        {
            fs.File.Delete("/l");
            fs.File.CreateSymbolicLink("/l", "two");
        });
        yield return new KindChange("NestedChangesEveryWay", ["/n/inner/x=1", "/n/l->inner", "/n/f=f", "/n/d/e/g=g"], fs =>
        {
            fs.Directory.Delete("/n/inner", recursive: true);
            fs.File.CreateSymbolicLink("/n/inner", "d");
            fs.File.Delete("/n/l");
            fs.Directory.CreateDirectory("/n/l/deeper");
            fs.File.WriteAllText("/n/l/deeper/h", "h");
            fs.File.Delete("/n/f");
            fs.Directory.CreateDirectory("/n/f");
            fs.Directory.Delete("/n/d/e", recursive: true);
            fs.File.WriteAllText("/n/d/e", "e is a file");
        });
        yield return new KindChange("NestedFilesAndDirectoriesSwapped", ["/s/a/x=1", "/s/b=2", "/s/c/d/e=3"], fs =>
        {
            fs.Directory.Delete("/s/a", recursive: true);
            fs.File.WriteAllText("/s/a", "a is a file");
            fs.File.Delete("/s/b");
            fs.Directory.CreateDirectory("/s/b/inner");
            fs.File.WriteAllText("/s/b/inner/y", "y");
            fs.Directory.Delete("/s/c/d", recursive: true);
            fs.File.WriteAllText("/s/c/d", "d is a file");
        }, HasLinks: false);
        yield return new KindChange("OpaqueDirectoryShowsALowerNameAnew", ["/o/b/c=2", "/o/keep=k"], fs =>
        {
            fs.Directory.Delete("/o", recursive: true);
            fs.Directory.CreateDirectory("/o/b");
            fs.File.WriteAllText("/o/b/new", "new");
        }, HasLinks: false);
        yield return new KindChange("DirectoryReplacedByDirectoryWithOtherChildren", ["/o/a=1", "/o/b/c=2"], fs =>
        {
            fs.Directory.Delete("/o", recursive: true);
            fs.Directory.CreateDirectory("/o/b");
            fs.File.CreateSymbolicLink("/o/a", "b");
            fs.File.WriteAllText("/o/b/new", "new");
        });
    }

    private void CreateRoot(bool realDisk)
    {
        if (realDisk)
        {
            _disk = new FileSystem();
            _root = Path.Combine(Path.GetTempPath(), "unionfs-kinds-" + Guid.NewGuid().ToString("N"));
        }
        else
        {
            _disk = new MockFileSystem();
            _root = "/work/project";
        }
    }

    [TearDown]
    public void RemoveRoot()
    {
        if (_disk is FileSystem)
        {
            foreach (var root in new[] { _root, _root + "-copy" })
                if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private IReadOnlyList<string> Change(KindChange kindChange, bool realDisk)
    {
        CreateRoot(realDisk);
        HostTree.Write(_disk, _root, kindChange.Lower);
        _fs = new UnionFileSystem(new MemoryBranch(), new DirectoryBranch(_disk, _root));
        kindChange.Change(_fs);
        return TreeDump.Of(_fs);
    }

    [TestCaseSource(nameof(Cases))]
    public void ApplyTo_TheLowersOwnDirectory_ShouldLeaveTheMergedTree(KindChange kindChange, bool realDisk)
    {
        var merged = Change(kindChange, realDisk);

        _fs.ApplyTo(_disk, _root);

        HostTree.Read(_disk, _root).Should().Equal(merged);
        HostTree.AllPaths(_disk, _root).Should().NotContain(p => p.Contains(".unionfs"));
        TreeDump.Of(_fs).Should().Equal(merged);
        _fs.GetChanges().Should().BeEmpty();
    }

    [TestCaseSource(nameof(Cases))]
    public void ApplyTo_ACopy_ShouldLeaveTheMergedTreeThereAndTheLowerAlone(KindChange kindChange, bool realDisk)
    {
        var merged = Change(kindChange, realDisk);
        var copy = _root + "-copy";
        HostTree.Write(_disk, copy, kindChange.Lower);
        var lower = HostTree.Read(_disk, _root);

        _fs.ApplyTo(_disk, copy);

        HostTree.Read(_disk, copy).Should().Equal(merged);
        HostTree.Read(_disk, _root).Should().Equal(lower);
    }
}
