using System.Diagnostics;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Confinement;

/// <summary>
/// The holes the <see cref="ConfinementTests"/> catalogue found in <see cref="DirectoryBranch"/>, each pinned by a
/// plain test on the real disk: a work area that is a link out of the root, a file at the work area's name, links
/// whose target the host reads as a directory, names and link targets longer than the host holds, and named pipes.
/// </summary>
public class DirectoryBranchHardeningTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    private string _sandbox = null!;

    private string Root => Path.Combine(_sandbox, "root");

    private string Outside => Path.Combine(_sandbox, "outside");

    [SetUp]
    public void CreateSandbox()
    {
        _sandbox = Path.Combine(Path.GetTempPath(), "unionfs-harden-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Root, "file.txt"), "data");
        // What an interrupted change would have journalled, had the work area been the branch's own.
        File.WriteAllText(Path.Combine(Outside, "0.whiteout"), "/file.txt");
        File.WriteAllText(Path.Combine(Outside, "keep.txt"), "keep");
    }

    [TearDown]
    public void DeleteSandbox() => Directory.Delete(_sandbox, recursive: true);

    private List<string> OutsideListing() =>
        Directory.GetFileSystemEntries(Outside).Select(p => Path.GetFileName(p) + "=" + File.ReadAllText(p)).Order(StringComparer.Ordinal).ToList();

    [Test]
    public void Upper_WorkAreaIsALinkOutOfTheRoot_ShouldNeitherHonourNorDeleteWhatItPointsAt()
    {
        File.CreateSymbolicLink(Path.Combine(Root, DirectoryBranchWorkArea), Outside);
        var fs = new UnionFileSystem(new DirectoryBranch(new FileSystem(), Root));

        fs.File.Exists("/file.txt").Should().BeTrue("a journal outside the root is not the branch's");
        fs.File.WriteAllText("/new.txt", "new");

        fs.File.ReadAllText("/new.txt").Should().Be("new");
        fs.File.ReadAllText("/file.txt").Should().Be("data");
        OutsideListing().Should().Equal("0.whiteout=/file.txt", "keep.txt=keep");
    }

    [Test]
    public void Lower_WorkAreaIsALinkOutOfTheRoot_ShouldNotHideNamesByWhatItPointsAt()
    {
        File.CreateSymbolicLink(Path.Combine(Root, DirectoryBranchWorkArea), Outside);
        var fs = new UnionFileSystem(new MemoryBranch(), new GuardedBranch(new DirectoryBranch(new FileSystem(), Root), "l1"));

        fs.File.ReadAllText("/file.txt").Should().Be("data");
        fs.Directory.GetFileSystemEntries("/").Should().Equal("/file.txt");
    }

    [Test]
    public void Upper_FileAtTheWorkAreaName_ShouldNotStopChanges()
    {
        File.WriteAllText(Path.Combine(Root, DirectoryBranchWorkArea), "left by someone");
        var fs = new UnionFileSystem(new DirectoryBranch(new FileSystem(), Root));

        fs.File.WriteAllText("/new.txt", "new");
        fs.File.Delete("/file.txt");

        fs.Directory.GetFileSystemEntries("/").Should().Equal("/new.txt");
    }

    [TestCase(".")]
    [TestCase("/")]
    [TestCase("..")]
    [TestCase("{outside}")]
    public void Upper_LinkWhoseTargetTheHostReadsAsADirectory_ShouldBeStoredAndRenamed(string target)
    {
        target = target.Replace("{outside}", Outside, StringComparison.Ordinal);
        var fs = new UnionFileSystem(new DirectoryBranch(new FileSystem(), Root));

        fs.File.CreateSymbolicLink("/link", target);
        // A link to a directory of the union moves as a directory does, in System.IO as here.
        if (fs.Directory.Exists("/link")) fs.Directory.Move("/link", "/moved");
        else fs.File.Move("/link", "/moved");

        fs.FileInfo.New("/moved").LinkTarget.Should().Be(target);
        fs.File.Exists("/link").Should().BeFalse();
        new FileInfo(Path.Combine(Root, "moved")).LinkTarget.Should().Be(target, "the link itself moved, not what the host resolves it to");
        OutsideListing().Should().Equal("0.whiteout=/file.txt", "keep.txt=keep");
    }

    [Test]
    public void Upper_NameLongerThanTheHostHolds_ShouldBeAbsentAndRefusedNamingTheUnionPath()
    {
        var fs = new UnionFileSystem(new DirectoryBranch(new FileSystem(), Root));
        var name = "/" + new string('n', 256);

        fs.File.Exists(name).Should().BeFalse();
        fs.Directory.Exists(name).Should().BeFalse();
        var error = fs.Invoking(f => f.File.WriteAllText(name, "x")).Should().ThrowExactly<PathTooLongException>().Which;

        error.Message.Should().Contain(name).And.NotContain(Root);
        fs.Directory.GetFileSystemEntries("/").Should().Equal("/file.txt");
    }

    [Test]
    public void Lower_NameLongerThanTheHostHolds_ShouldBeAbsent()
    {
        var fs = new UnionFileSystem(new MemoryBranch(), new GuardedBranch(new DirectoryBranch(new FileSystem(), Root), "l1"));
        var name = "/" + new string('n', 10_000);

        fs.File.Exists(name).Should().BeFalse();
        fs.Path.Exists(name + "/below").Should().BeFalse();
        fs.File.WriteAllText(name, "in the memory upper");
        fs.File.ReadAllText(name).Should().Be("in the memory upper");
    }

    [Test]
    public void Upper_WhiteoutNameLongerThanTheHostHolds_ShouldBeRefusedAndChangeNothing()
    {
        // A 253-byte lower name is fine; its OCI whiteout, ".wh." + 253 bytes, is not.
        var name = "/" + new string('w', 253);
        var lower = new MemoryBranch();
        BranchWriter.Write(lower, [Layout.Parse(name + "=lower")]);
        var fs = new UnionFileSystem(new DirectoryBranch(new FileSystem(), Root), lower);

        var error = fs.Invoking(f => f.File.Delete(name)).Should().ThrowExactly<PathTooLongException>().Which;

        error.Message.Should().Contain(name).And.NotContain(Root);
        fs.File.ReadAllText(name).Should().Be("lower");
    }

    [Test]
    public void Upper_LinkTargetLongerThanTheHostHolds_ShouldBeRefusedNamingTheUnionPath()
    {
        var fs = new UnionFileSystem(new DirectoryBranch(new FileSystem(), Root));

        var error = fs.Invoking(f => f.File.CreateSymbolicLink("/link", "/" + new string('t', 5000))).Should().ThrowExactly<PathTooLongException>().Which;

        error.Message.Should().Contain("/link").And.NotContain(Root);
        fs.File.Exists("/link").Should().BeFalse();
    }

    [Test]
    public void Lower_NamedPipe_ShouldBeListedButRefusedWhenOpenedNotHang()
    {
        MakeFifo(Path.Combine(Root, "pipe"));
        var fs = new UnionFileSystem(new MemoryBranch(), new GuardedBranch(new DirectoryBranch(new FileSystem(), Root), "l1"));

        fs.Directory.GetFiles("/").Should().BeEquivalentTo("/file.txt", "/pipe");
        WithinLimit(() => fs.Invoking(f => f.File.ReadAllBytes("/pipe")).Should().ThrowExactly<IOException>().WithMessage("*'/pipe'*"));
        WithinLimit(() => fs.Invoking(f => f.File.AppendAllText("/pipe", "x")).Should().ThrowExactly<IOException>().WithMessage("*'/pipe'*"));
        fs.File.Delete("/pipe");
        fs.Directory.GetFiles("/").Should().Equal("/file.txt");
    }

    [Test]
    public void Upper_NamedPipe_ShouldBeRefusedWhenOpenedNotHang()
    {
        MakeFifo(Path.Combine(Root, "pipe"));
        var fs = new UnionFileSystem(new DirectoryBranch(new FileSystem(), Root));

        WithinLimit(() => fs.Invoking(f => f.File.ReadAllText("/pipe")).Should().ThrowExactly<IOException>());
        WithinLimit(() => fs.Invoking(f => f.File.OpenWrite("/pipe")).Should().ThrowExactly<IOException>());
        WithinLimit(() => fs.Invoking(f => f.File.Copy("/pipe", "/copy")).Should().ThrowExactly<IOException>());
        fs.File.Move("/pipe", "/moved-pipe");
        fs.Directory.GetFiles("/").Should().BeEquivalentTo("/file.txt", "/moved-pipe");
    }

    private const string DirectoryBranchWorkArea = ".wh..wh..unionfs-work";

    private static void WithinLimit(Action action)
    {
        var run = Task.Run(action);
        if (!run.Wait(HangLimit)) Assert.Fail("hung opening a named pipe");
        run.GetAwaiter().GetResult();
    }

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", path) { UseShellExecute = false })!;
        process.WaitForExit();
        process.ExitCode.Should().Be(0, "mkfifo makes the pipe");
    }
}
