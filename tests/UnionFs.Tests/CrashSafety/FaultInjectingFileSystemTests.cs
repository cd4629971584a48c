using System.IO.Abstractions.TestingHelpers;

namespace UnionFs.Tests.CrashSafety;

/// <summary>The injector itself: what it counts, where it fails, and that it passes everything else through.</summary>
public class FaultInjectingFileSystemTests
{
    private static (MockFileSystem Mock, FaultInjectingFileSystem Fs) Build(int faultAt, FaultMode mode = FaultMode.Transient)
    {
        var mock = new MockFileSystem();
        mock.AddFile("/d/a", new MockFileData("abc"));
        return (mock, new FaultInjectingFileSystem(mock, new FaultPlan(faultAt, mode)));
    }

    [Test]
    public void Reads_AnyNumber_ShouldNotCount()
    {
        var (_, fs) = Build(1);

        fs.File.ReadAllText("/d/a").Should().Be("abc");
        fs.File.Exists("/d/a").Should().BeTrue();
        using (var s = fs.File.Open("/d/a", FileMode.Open, FileAccess.Read)) s.ReadByte();
        fs.Directory.EnumerateFileSystemEntries("/d").Should().Equal("/d/a");
        _ = fs.FileInfo.New("/d/a").Length;
        fs.File.GetUnixFileMode("/d/a");
        fs.Directory.SetCurrentDirectory("/d");

        fs.Plan.MutatingCalls.Should().Be(0);
    }

    [Test]
    public void MutatingCalls_EachKind_ShouldCountOnce()
    {
        var (mock, fs) = Build(0);

        fs.File.WriteAllText("/d/b", "b");
        fs.File.Move("/d/b", "/d/c");
        fs.File.Copy("/d/c", "/d/e");
        fs.File.Delete("/d/e");
        fs.File.SetLastWriteTimeUtc("/d/c", DateTime.UnixEpoch);
        fs.File.SetUnixFileMode("/d/c", UnixFileMode.UserRead);
        fs.File.SetAttributes("/d/c", FileAttributes.Normal);
        fs.File.Create("/d/f").Dispose();
        fs.File.Open("/d/f", FileMode.Open).Dispose();
        fs.Directory.CreateDirectory("/x");
        fs.Directory.Move("/x", "/y");
        fs.Directory.Delete("/y");

        fs.Plan.MutatingCalls.Should().Be(12);
        mock.File.Exists("/d/c").Should().BeTrue();
    }

    [Test]
    public void InfoObjects_MutatingMembers_ShouldCount()
    {
        var (mock, fs) = Build(0);

        var enumerated = fs.DirectoryInfo.New("/d").EnumerateFileSystemInfos().Single();
        enumerated.Should().BeAssignableTo<IFileInfo>();
        ((IFileInfo)enumerated).MoveTo("/d/moved");
        fs.FileInfo.New("/d/moved").Delete();
        fs.DirectoryInfo.New("/d").CreateSubdirectory("s").Delete();

        fs.Plan.Calls.Should().HaveCount(4);
        mock.AllFiles.Should().BeEmpty();
    }

    [Test]
    public void File_KthMutatingCall_ShouldThrowInjectedFaultAndChangeNothing()
    {
        var (mock, fs) = Build(2);

        fs.File.WriteAllText("/d/one", "1");
        var act = () => fs.File.Move("/d/one", "/d/two");

        act.Should().Throw<IOException>().WithMessage(FaultPlan.Message);
        fs.Plan.FaultedCall.Should().StartWith("IFile.Move(/d/one, /d/two");
        mock.File.Exists("/d/one").Should().BeTrue();
        fs.File.Delete("/d/one");
        mock.File.Exists("/d/one").Should().BeFalse("a transient fault fails one call only");
    }

    [Test]
    public void Crash_CallsAfterTheFault_ShouldAllFail()
    {
        var (mock, fs) = Build(1, FaultMode.Crash);

        ((Action)(() => fs.File.Delete("/d/a"))).Should().Throw<IOException>();
        ((Action)(() => fs.File.Delete("/d/a"))).Should().Throw<IOException>();

        mock.File.Exists("/d/a").Should().BeTrue();
    }

    [Test]
    public void WriteStream_FaultingWrite_ShouldStoreHalfTheBytesThenThrow()
    {
        var (mock, fs) = Build(2);

        var act = () =>
        {
            using var stream = fs.File.Open("/d/new", FileMode.CreateNew, FileAccess.Write);
            stream.Write("abcdef"u8);
        };

        act.Should().Throw<IOException>().WithMessage(FaultPlan.Message);
        fs.Plan.FaultedCall.Should().StartWith("Stream.Write(/d/new");
        mock.File.ReadAllText("/d/new").Should().Be("abc");
    }
}
