using System.Diagnostics;
using CsCheck;
using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.BadInput;

/// <summary>
/// Bounded mutation fuzzing: byte flips, overwrites and truncations of valid layers (plain, gzip, zstd). Every
/// outcome is success (and then the whole tree can be walked and read) or an InvalidImageException; never
/// another exception, a hang or a crash. Bounded in iterations and capped at a few seconds each.
/// </summary>
public class MutationFuzzTests
{
    private const int Iterations = 1500;
    private static readonly TimeSpan TimeCap = TimeSpan.FromSeconds(4);

    [TestCase(LayerCompression.None)]
    [TestCase(LayerCompression.Gzip)]
    [TestCase(LayerCompression.Zstd)]
    public void MutatedLayers_OpenOrFailWithInvalidImageException(LayerCompression compression)
    {
        var valid = LayerBuilder.Compress(SampleLayers.Top().Concat(Array.Empty<byte>()).ToArray(), compression);
        var baseLayer = LayerBuilder.Compress(SampleLayers.Base(), compression);
        var clock = Stopwatch.StartNew();
        var outcomes = new int[2];

        var mutation =
            from source in Gen.Int[0, 1]
            from kind in Gen.Int[0, 3]
            from position in Gen.Int[0, int.MaxValue]
            from value in Gen.Byte
            from count in Gen.Int[1, 8]
            select (source, kind, position, value, count);

        mutation.Sample(m =>
        {
            if (clock.Elapsed > TimeCap) return;
            var original = m.source == 0 ? valid : baseLayer;
            var bytes = Mutate(original, m.kind, m.position, m.value, m.count);
            outcomes[Exercise(bytes)]++;
        }, iter: Iterations, threads: 1);

        TestContext.Out.WriteLine($"{compression}: {outcomes[0]} opened, {outcomes[1]} refused in {clock.Elapsed.TotalSeconds:F1} s");
        (outcomes[0] + outcomes[1]).Should().BeGreaterThan(0);
    }

    [Test]
    public void MutatedImages_OpenOrFailWithInvalidImageException()
    {
        var archive = ImageBuilder.DockerLegacy([SampleLayers.Base(), SampleLayers.Middle()]);
        var clock = Stopwatch.StartNew();
        var path = Path.GetTempFileName();
        try
        {
            Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[1, 8]).Sample((kind, position, value, count) =>
            {
                if (clock.Elapsed > TimeCap) return;
                File.WriteAllBytes(path, Mutate(archive, kind, position, value, count));
                try
                {
                    using var image = ContainerImage.Open(path);
                    TreeSnapshot.Of(image.MountReadOnly(), modes: false);
                }
                catch (InvalidImageException)
                {
                }
            }, iter: 300, threads: 1);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Mutate(byte[] original, int kind, int position, byte value, int count)
    {
        var bytes = (byte[])original.Clone();
        var at = position % bytes.Length;
        switch (kind)
        {
            case 0: // flip bits
                for (var i = at; i < Math.Min(bytes.Length, at + count); i++) bytes[i] ^= (byte)(value | 1);
                break;
            case 1: // overwrite with one value
                bytes.AsSpan(at, Math.Min(count, bytes.Length - at)).Fill(value);
                break;
            case 2: // truncate
                return bytes[..at];
            default: // overwrite a digit of a header field with another digit (sizes, modes, checksums)
                bytes[at] = (byte)('0' + (value % 8));
                break;
        }
        return bytes;
    }

    /// <summary>0: opened and fully readable; 1: refused with InvalidImageException. Anything else fails the test.</summary>
    private static int Exercise(byte[] bytes)
    {
        TarLayerBranch layer;
        try
        {
            layer = TarLayerBranch.Open(new MemoryStream(bytes), new LayerOpenOptions { Name = "fuzz", MaxUncompressedSize = 64 << 20 });
        }
        catch (InvalidImageException ex)
        {
            ex.Layer.Should().Be("fuzz");
            return 1;
        }
        using (layer)
        {
            // A layer that opened is consistent: every listed name stats, every file reads to its length.
            var fs = UnionFileSystem.ReadOnly(layer);
            Walk(layer, BranchPath.Root);
            TreeSnapshot.Of(fs, modes: false);
            _ = layer.DiffId;
        }
        return 0;
    }

    private static void Walk(IBranch branch, string path)
    {
        foreach (var entry in branch.List(path))
        {
            var child = BranchPath.Combine(path, entry.Name);
            branch.Stat(child).Should().NotBeNull();
            if (entry.Kind == EntryKind.Directory) Walk(branch, child);
            if (entry.Kind == EntryKind.File)
            {
                using var stream = branch.OpenRead(child);
                stream.CopyTo(Stream.Null);
                stream.Position.Should().Be(entry.Length);
            }
        }
    }
}
