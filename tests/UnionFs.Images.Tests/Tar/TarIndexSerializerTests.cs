using System.Formats.Tar;
using System.Text;
using UnionFs.Images.Storage;
using UnionFs.Images.Tar;
using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.Tar;

public class TarIndexSerializerTests
{
    internal static IEnumerable<TestCaseData> Layers()
    {
        yield return new TestCaseData(SampleLayers.Base(), true).SetName("Base (GNU format, long names, links)");
        yield return new TestCaseData(SampleLayers.Middle(), true).SetName("Middle (whiteouts)");
        yield return new TestCaseData(SampleLayers.Top(), true).SetName("Top (opaque directories)");
        yield return new TestCaseData(SampleLayers.Top(), false).SetName("Top, whiteouts not interpreted");
        yield return new TestCaseData(new LayerBuilder(TarEntryFormat.Pax)
            .Dir("d", (UnixFileMode)0x1C0).File("d/f", "data").HardLink("d/h", "d/f").Whiteout("d/gone").Whiteout("d/f")
            .Dir("e").Whiteout("e").File("e/x", "x").Opaque("o").File("o/y", "y").Symlink("s", "d/f")
            .File(new string('n', 300) + "/file", "long").File("x/y/z/deep", "").Build(), true).SetName("PAX: whiteouts of own names, implied dirs, hard link");
    }

    [TestCaseSource(nameof(Layers))]
    public void RoundTrip_GivesTheSameTree(byte[] tar, bool interpretWhiteouts)
    {
        var built = TarIndex.Build(MemorySource.FromArray(tar), "layer", interpretWhiteouts);
        var read = RoundTrip(built);

        Snapshot(read).Should().Equal(Snapshot(built));
        Snapshot(built).Should().HaveCountGreaterThan(3);
        read.EntryCount.Should().Be(built.EntryCount);
        read.InterpretsWhiteouts.Should().Be(interpretWhiteouts);
    }

    [Test]
    public void ADamagedIndex_IsRefused()
    {
        var built = TarIndex.Build(MemorySource.FromArray(SampleLayers.Base()), "layer", true);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) TarIndexSerializer.Write(built, writer);
        var bytes = buffer.ToArray();

        var truncated = () => TarIndexSerializer.Read(new BinaryReader(new MemoryStream(bytes[..(bytes.Length / 2)])), "layer");
        truncated.Should().Throw<IOException>();
        bytes[0] = 42;
        var version = () => TarIndexSerializer.Read(new BinaryReader(new MemoryStream(bytes)), "layer");
        version.Should().Throw<InvalidDataException>();
    }

    private static TarIndex RoundTrip(TarIndex index)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) TarIndexSerializer.Write(index, writer);
        buffer.Position = 0;
        return TarIndexSerializer.Read(new BinaryReader(buffer), "layer");
    }

    /// <summary>Every node with every field, sorted by path.</summary>
    internal static List<string> Snapshot(TarIndex index)
    {
        var lines = new List<string>();
        var pending = new Stack<(TarNode Node, string Path)>();
        pending.Push((index.Root, ""));
        while (pending.TryPop(out var item))
        {
            var n = item.Node;
            lines.Add($"{item.Path}|{n.Kind}|{n.DataOffset}|{n.Length}|{n.Mode}|{n.ModificationTimeUtc:O}|{n.LinkTarget}|{n.IsOpaque}|{n.IsImplied}|{n.ReplacesBelow}|{n.ToEntry()}");
            if (n.Children is null) continue;
            foreach (var child in n.Children.Values) pending.Push((child, item.Path + "/" + child.Name));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
