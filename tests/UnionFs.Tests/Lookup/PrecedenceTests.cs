using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Lookup;

/// <summary>Rules 1 and 3: a name is looked up top-down; a merged directory's metadata is its topmost copy's.</summary>
public class PrecedenceTests : FixtureTestBase
{
    [Test]
    public void ReadAllText_NameInUpperAndLower_ShouldReadUpper()
    {
        var f = Stack(["/a.txt=upper"], ["/a.txt=lower"]);

        f.Fs.File.ReadAllText("/a.txt").Should().Be("upper");
    }

    [Test]
    public void ReadAllText_NameInBothLowers_ShouldReadTopmostLower()
    {
        var f = Stack(None, ["/a.txt=l1"], ["/a.txt=l2"]);

        f.Fs.File.ReadAllText("/a.txt").Should().Be("l1");
    }

    [Test]
    public void ReadAllText_NameOnlyInBottomLower_ShouldFallThroughEveryLayer()
    {
        var f = Stack(["/d/u=u"], ["/d/one=1"], ["/d/two=2"], ["/d/three=3"]);

        f.Fs.File.ReadAllText("/d/three").Should().Be("3");
        f.Fs.Directory.GetFiles("/d").Should().BeEquivalentTo("/d/one", "/d/three", "/d/two", "/d/u");
    }

    [Test]
    public void Length_NameInSeveralLayers_ShouldBeTopmostLength()
    {
        var f = Stack(None, ["/a=12"], ["/a=123456"]);

        f.Fs.FileInfo.New("/a").Length.Should().Be(2);
    }

    [Test]
    public void GetUnixFileMode_MergedDirectory_ShouldComeFromTopmostCopy()
    {
        var f = Stack(None, [["/d/a=1"], ["/d/b=2"]], (_, lowers) =>
        {
            new UnionFileSystem(lowers[0]).File.SetUnixFileMode("/d", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            new UnionFileSystem(lowers[1]).File.SetUnixFileMode("/d", (UnixFileMode)Convert.ToInt32("755", 8));
        });

        f.Fs.File.GetUnixFileMode("/d").Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Test]
    public void GetLastWriteTimeUtc_MergedDirectory_ShouldComeFromTopmostCopy()
    {
        var top = new DateTime(2011, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var f = Stack(None, [["/d/a=1"], ["/d/b=2"]], (_, lowers) =>
        {
            new UnionFileSystem(lowers[0]).Directory.SetLastWriteTimeUtc("/d", top);
            new UnionFileSystem(lowers[1]).Directory.SetLastWriteTimeUtc("/d", new DateTime(2022, 2, 2, 0, 0, 0, DateTimeKind.Utc));
        });

        f.Fs.Directory.GetLastWriteTimeUtc("/d").Should().Be(top);
    }

    [Test]
    public void Exists_WhiteoutInUpper_ShouldHideNameInEveryLower()
    {
        var f = Stack(None, [["/a=1"], ["/a=2"]], (upper, _) => upper.CreateWhiteout("/a"));

        f.Fs.File.Exists("/a").Should().BeFalse();
        f.Fs.Directory.GetFileSystemEntries("/").Should().BeEmpty();
    }

    [Test]
    public void Exists_WhiteoutInTopLower_ShouldHideNameInLowerBelow()
    {
        var f = Stack(None, [["/keep=k"], ["/a=2", "/keep2=k2"]], (_, lowers) => lowers[0].CreateWhiteout("/a"));

        f.Fs.File.Exists("/a").Should().BeFalse();
        f.Fs.Directory.GetFiles("/").Should().BeEquivalentTo("/keep", "/keep2");
    }

    [Test]
    public void GetFiles_OpaqueDirectoryInTopLower_ShouldHideContentsBelow()
    {
        var f = Stack(None, [["/d/mine=m"], ["/d/theirs=t", "/other=o"]], (_, lowers) => lowers[0].SetOpaque("/d", true));

        f.Fs.Directory.GetFiles("/d").Should().Equal("/d/mine");
        f.Fs.File.Exists("/d/theirs").Should().BeFalse();
        f.Fs.File.Exists("/other").Should().BeTrue();
    }

    [Test]
    public void GetFiles_OpaqueDirectoryInUpper_ShouldHideEveryLowerCopy()
    {
        var f = Stack(["/d/u=u"], [["/d/a=1"], ["/d/b=2"]], (upper, _) => upper.SetOpaque("/d", true));

        f.Fs.Directory.GetFiles("/d").Should().Equal("/d/u");
    }

    [Test]
    public void Exists_WhiteoutInUpperForDirectory_ShouldHideWholeLowerTree()
    {
        var f = Stack(None, [["/d/x/y=1"]], (upper, _) => upper.CreateWhiteout("/d"));

        f.Fs.Directory.Exists("/d").Should().BeFalse();
        f.Fs.File.Exists("/d/x/y").Should().BeFalse();
    }

    [Test]
    public void Exists_DirectoryInUpperWithoutOpaque_ShouldMergeWithLower()
    {
        var f = Stack(["/d/u=u"], ["/d/l=l"]);

        f.Fs.Directory.GetFiles("/d").Should().BeEquivalentTo("/d/l", "/d/u");
    }
}
