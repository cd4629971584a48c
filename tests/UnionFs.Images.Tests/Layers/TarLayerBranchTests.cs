using System.Formats.Tar;
using System.Text;
using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.Layers;

public class TarLayerBranchTests
{
    private static TarLayerBranch Open(byte[] tar, LayerOpenOptions? options = null) => TarLayerBranch.Open(new MemoryStream(tar), options);

    private static string Read(IBranch branch, string path)
    {
        using var stream = branch.OpenRead(path);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Test]
    public void Open_BaseLayer_IndexesFilesDirectoriesLinksAndImplicitParents()
    {
        using var layer = Open(SampleLayers.Base());

        layer.Stat("/")!.Kind.Should().Be(EntryKind.Directory);
        layer.Stat("/bin/sh")!.Kind.Should().Be(EntryKind.File);
        layer.Stat("/bin/sh")!.UnixMode.Should().Be((UnixFileMode)0x1ED);
        Read(layer, "/etc/hosts").Should().Be("127.0.0.1 localhost\n");
        layer.Stat("/usr")!.Kind.Should().Be(EntryKind.Directory, "an implicit parent exists as a directory");
        layer.Stat("/usr/lib")!.UnixMode.Should().Be(EntryMetadata.DefaultDirectoryMode);
        layer.Stat("/lib")!.LinkTarget.Should().Be("usr/lib");
        layer.Stat("/lib")!.Kind.Should().Be(EntryKind.SymbolicLink);
        layer.Stat("/tmp")!.UnixMode.Should().Be((UnixFileMode)0x3FF);
        layer.Stat("/usr/lib/libx.so")!.Length.Should().Be(5000);
        layer.Stat("/missing").Should().BeNull();
        layer.Stat("/etc/hosts/below").Should().BeNull();
        layer.EntryCount.Should().Be(17);
        layer.IsReadOnly.Should().BeTrue();
    }

    [Test]
    public void List_IsSortedByOrdinalName_AndEmptyForFilesAndMissingPaths()
    {
        using var layer = Open(new LayerBuilder().File("d/b", "").File("d/B", "").File("d/a", "").File("d/_", "").Build());

        layer.List("/d").Select(e => e.Name).Should().Equal("B", "_", "a", "b");
        layer.List("/d/a").Should().BeEmpty();
        layer.List("/nope").Should().BeEmpty();
        layer.List("/").Select(e => e.Name).Should().Equal("d");
    }

    [Test]
    public void HardLink_IsBoundToTheTargetsDataAtIndexingTime()
    {
        var tar = new LayerBuilder().File("a", "first").HardLink("b", "a").File("a", "second").HardLink("c", "./a").Build();
        using var layer = Open(tar);

        Read(layer, "/b").Should().Be("first");
        Read(layer, "/a").Should().Be("second");
        Read(layer, "/c").Should().Be("second");
    }

    [Test]
    public void LaterEntryForTheSamePath_Wins_AndANonDirectoryReplacesASubtree()
    {
        var tar = new LayerBuilder().File("x", "1").File("x", "2").File("d/inner", "i").File("d", "now a file").Dir("e").Dir("e", (UnixFileMode)0x1C0).Build();
        using var layer = Open(tar);

        Read(layer, "/x").Should().Be("2");
        layer.Stat("/d")!.Kind.Should().Be(EntryKind.File);
        layer.Stat("/d/inner").Should().BeNull();
        layer.Stat("/e")!.UnixMode.Should().Be((UnixFileMode)0x1C0);
    }

    [Test]
    public void Whiteouts_AreMarkers_AndTheOpaqueMarkerAppliesWhereverItSits()
    {
        using var layer = Open(SampleLayers.Middle());

        layer.Stat("/etc/conf.d/a.conf")!.Kind.Should().Be(EntryKind.Whiteout);
        layer.Stat("/var/log")!.IsWhiteout.Should().BeTrue();
        layer.Stat("/opt/app")!.IsOpaque.Should().BeTrue("the marker came after the directory's file");
        layer.Stat("/etc/.wh..wh..opq").Should().BeNull();
        layer.List("/etc/conf.d").Select(e => (e.Name, e.Kind)).Should().Equal(("a.conf", EntryKind.Whiteout));
        layer.Stat("/etc")!.IsOpaque.Should().BeFalse();
        layer.Stat("/home/user")!.Kind.Should().Be(EntryKind.SymbolicLink);
    }

    [Test]
    public void WhiteoutAndEntryOfTheSameNameInOneLayer_TheEntryStays_ADirectoryBecomesOpaque()
    {
        using var layer = Open(SampleLayers.Top());

        layer.Stat("/etc/conf.d/b.conf")!.Kind.Should().Be(EntryKind.File);
        Read(layer, "/etc/conf.d/b.conf").Should().Be("b2");
        layer.Stat("/var/cache")!.IsOpaque.Should().BeTrue();
        layer.Stat("/tmp")!.IsOpaque.Should().BeTrue();
        layer.Stat("/" + SampleLayers.LongName)!.Kind.Should().Be(EntryKind.File);
    }

    [Test]
    public void AufsMetadataNames_AreIgnored()
    {
        using var layer = Open(new LayerBuilder().File(".wh..wh.plnk/123.456", "x").File(".wh..wh.aufs", "").File("a", "a").Build());

        layer.List("/").Select(e => e.Name).Should().Equal("a");
    }

    [TestCase(TarEntryFormat.V7)]
    [TestCase(TarEntryFormat.Ustar)]
    [TestCase(TarEntryFormat.Gnu)]
    [TestCase(TarEntryFormat.Pax)]
    public void EveryTarFormat_IsRead(TarEntryFormat format)
    {
        using var layer = Open(new LayerBuilder(format).Dir("d").File("d/f", "content").Symlink("d/l", "f").Build());

        Read(layer, "/d/f").Should().Be("content");
        layer.Stat("/d/l")!.LinkTarget.Should().Be("f");
    }

    [Test]
    public void GnuLongNamesAndPaxGlobalHeaders_Work()
    {
        var longName = string.Concat(Enumerable.Repeat("segment/", 30)) + "file";
        var global = new PaxGlobalExtendedAttributesTarEntry(new Dictionary<string, string> { ["comment"] = "global" });
        var tar = new LayerBuilder(TarEntryFormat.Gnu).Entry(global).File(longName, "gnu").Symlink("link", longName).Build();
        using var layer = Open(tar);

        Read(layer, "/" + longName).Should().Be("gnu");
        layer.Stat("/link")!.LinkTarget.Should().Be(longName);
        layer.EntryCount.Should().Be(2, "the global header is not an entry");
    }

    [Test]
    public void RootEntries_SetTheRootsMetadata()
    {
        using var layer = Open(new LayerBuilder().Dir("./", (UnixFileMode)0x1C0).File("f", "").Build());

        layer.Stat("/")!.UnixMode.Should().Be((UnixFileMode)0x1C0);
        layer.List("/").Select(e => e.Name).Should().Equal("f");
    }

    [Test]
    public void DevicesAndFifos_ShowAsEmptyFiles()
    {
        var device = new PaxTarEntry(TarEntryType.CharacterDevice, "dev/null") { DeviceMajor = 1, DeviceMinor = 3 };
        using var layer = Open(new LayerBuilder().Entry(device).Add(TarEntryType.Fifo, "pipe", (UnixFileMode)0x1A4).Build());

        layer.Stat("/dev/null")!.Kind.Should().Be(EntryKind.File);
        layer.Stat("/dev/null")!.Length.Should().Be(0);
        layer.Stat("/pipe")!.Kind.Should().Be(EntryKind.File);
    }

    [TestCase(LayerCompression.None)]
    [TestCase(LayerCompression.Gzip)]
    [TestCase(LayerCompression.Zstd)]
    public void Compression_IsSniffed_AndDigestsAreComputed(LayerCompression compression)
    {
        var tar = SampleLayers.Base();
        var blob = LayerBuilder.Compress(tar, compression);
        using var layer = Open(blob, new LayerOpenOptions { Name = "sample" });

        layer.Compression.Should().Be(compression);
        layer.MediaType.Should().Be(MediaTypes.ForLayer(compression));
        layer.DiffId.Should().Be(LayerBuilder.Sha256(tar));
        layer.Digest.Should().Be(LayerBuilder.Sha256(blob));
        layer.Size.Should().Be(blob.Length);
        layer.UncompressedSize.Should().Be(tar.Length);
        Read(layer, "/etc/passwd").Should().Be("root:x:0:0\n");
        layer.Name.Should().Be("sample");
    }

    [TestCase(LayerCompression.Zstd)]
    public void LargeDecompressedLayers_GoToATemporaryFile_RemovedOnDispose(LayerCompression compression)
    {
        var temp = Directory.CreateTempSubdirectory("unionfs-spill-").FullName;
        try
        {
            var blob = LayerBuilder.Compress(SampleLayers.Base(), compression);
            var layer = Open(blob, new LayerOpenOptions { MemoryThreshold = 1024, TempDirectory = temp });
            layer.UsesTemporaryFile.Should().BeTrue();
            Directory.GetFiles(temp).Should().HaveCount(1);
            Read(layer, "/etc/hosts").Should().Be("127.0.0.1 localhost\n");

            layer.Dispose();

            Directory.GetFiles(temp).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Test]
    public void GzipLayers_AreReadThroughCheckpoints_WithoutATemporaryFile()
    {
        var temp = Directory.CreateTempSubdirectory("unionfs-spill-").FullName;
        try
        {
            using var layer = Open(LayerBuilder.Gzip(SampleLayers.Base()), new LayerOpenOptions { MemoryThreshold = 1024, TempDirectory = temp });
            layer.UsesTemporaryFile.Should().BeFalse();
            Directory.GetFiles(temp).Should().BeEmpty();
            Read(layer, "/etc/hosts").Should().Be("127.0.0.1 localhost\n");
            layer.DiffId.Should().Be(LayerBuilder.Sha256(SampleLayers.Base()));
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Test]
    public void SmallDecompressedLayers_StayInMemory()
    {
        using var layer = Open(LayerBuilder.Gzip(SampleLayers.Base()));

        layer.UsesTemporaryFile.Should().BeFalse();
    }

    [Test]
    public void OpenFromAPath_ReadsInPlace_AndNonSeekableStreamsWork()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, SampleLayers.Base());
            using (var layer = TarLayerBranch.Open(path))
            {
                layer.Name.Should().Be(path);
                Read(layer, "/opt/app/data.txt").Should().Be("data");
            }
            using var nonSeekable = TarLayerBranch.Open(new NonSeekableStream(File.ReadAllBytes(path)));
            Read(nonSeekable, "/opt/app/data.txt").Should().Be("data");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void OpenRead_IsSeekable_AndIndependentPerStream()
    {
        var data = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        using var layer = Open(new LayerBuilder().File("a", data).File("b", "after").Build());
        using var first = layer.OpenRead("/a");
        using var second = layer.OpenRead("/a");

        first.Length.Should().Be(data.Length);
        first.Seek(50_000, SeekOrigin.Begin);
        var buffer = new byte[10];
        first.ReadExactly(buffer);
        buffer.Should().Equal(data.AsSpan(50_000, 10).ToArray());
        second.ReadByte().Should().Be(data[0]);
        first.Seek(-1, SeekOrigin.End);
        first.ReadByte().Should().Be(data[^1]);
        first.ReadByte().Should().Be(-1);
        first.CanWrite.Should().BeFalse();
    }

    [Test]
    public void ConcurrentReaders_SeeTheirOwnData()
    {
        var builder = new LayerBuilder();
        for (var i = 0; i < 64; i++) builder.File($"f{i}", Encoding.UTF8.GetBytes(new string((char)('a' + (i % 26)), 1000 + i)));
        using var layer = Open(LayerBuilder.Gzip(builder.Build()));

        Parallel.For(0, 256, i =>
        {
            var n = i % 64;
            Read(layer, $"/f{n}").Should().Be(new string((char)('a' + (n % 26)), 1000 + n));
            layer.Stat($"/f{n}")!.Length.Should().Be(1000 + n);
        });
    }

    [Test]
    public void EveryWriteMember_ThrowsReadOnlyFileSystem()
    {
        using var layer = Open(SampleLayers.Base());
        var now = EntryMetadata.NewFile(DateTime.UtcNow);
        var writes = new Action[]
        {
            () => layer.OpenWrite("/etc/hosts"),
            () => layer.CreateFile("/x", null, now),
            () => layer.CreateDirectory("/x", now, opaque: false),
            () => layer.CreateSymbolicLink("/x", "y", now),
            () => layer.CreateWhiteout("/etc"),
            () => layer.Remove("/etc"),
            () => layer.Rename("/etc", "/etc2"),
            () => layer.SetMetadata("/etc", new MetadataChange(UnixMode: UnixFileMode.None)),
            () => layer.SetOpaque("/etc", true),
            () => layer.SetRedirect("/etc", "/x"),
        };
        foreach (var write in writes) write.Should().Throw<IOException>().Which.HResult.Should().Be(0x1E);
        Read(layer, "/etc/hosts").Should().Be("127.0.0.1 localhost\n");
    }

    [Test]
    public void AUnionOverTheSampleLayers_ShowsTheMergedTree()
    {
        using var bottom = Open(SampleLayers.Base());
        using var middle = Open(SampleLayers.Middle());
        using var top = Open(LayerBuilder.Zstd(SampleLayers.Top()));
        var fs = UnionFileSystem.ReadOnly(top, middle, bottom);

        fs.File.ReadAllText("/etc/passwd").Should().Contain("user");
        fs.File.ReadAllText("/etc/hosts").Should().Contain("::1");
        fs.File.ReadAllText("/etc/motd").Should().Be("welcome");
        fs.Directory.GetFileSystemEntries("/etc/conf.d").Should().Equal("/etc/conf.d/b.conf");
        fs.File.ReadAllText("/etc/conf.d/b.conf").Should().Be("b2");
        fs.Directory.GetFileSystemEntries("/opt/app").Order(StringComparer.Ordinal).Should().Equal("/opt/app/new.txt");
        fs.Directory.Exists("/var/log").Should().BeFalse();
        fs.Directory.GetFileSystemEntries("/var/cache").Should().Equal("/var/cache/fresh");
        fs.Directory.GetFileSystemEntries("/tmp").Should().Equal("/tmp/new");
        fs.File.Exists("/bin/ls").Should().BeFalse();
        fs.File.ReadAllText("/bin/sh").Should().Be("#!shell");
        fs.FileInfo.New("/home/user").LinkTarget.Should().Be("/tmp");
        fs.File.ReadAllText("/lib/libx.so").Length.Should().Be(5000);
        fs.File.ReadAllText("/" + SampleLayers.LongName).Should().Be("long");
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
