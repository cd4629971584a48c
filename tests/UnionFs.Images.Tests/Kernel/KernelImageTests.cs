using UnionFs.Images.Tests.Export;
using UnionFs.Images.Tests.Images;
using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.Kernel;

/// <summary>
/// The kernel as the oracle: the same layers, extracted with GNU tar into overlay-format directories and
/// mounted with <c>mount -t overlay</c>, must show the same merged tree as the union. Needs root; ignored
/// elsewhere, unless UNIONFS_REQUIRE_KERNEL=1 makes that a failure. Every mount is unmounted in finally.
/// </summary>
[NonParallelizable]
public class KernelImageTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        KernelOverlay.Require();
        _dir = Directory.CreateTempSubdirectory("unionfs-kernel-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        if (_dir is not null && Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>
    /// Extracts layers (base first) and returns their directories topmost first. GNU tar creates a directory a
    /// layer only implies (a parent it does not list) with its own default mode; an extractor applying the layer
    /// over the ones below (containerd's overlay snapshotter, umoci) leaves the existing directory alone, so each
    /// implied directory takes the mode the kernel's merged view of the layers below shows there.
    /// </summary>
    private List<string> Extract(IReadOnlyList<byte[]> layers, string name)
    {
        var directories = new List<string>();
        for (var i = 0; i < layers.Count; i++)
        {
            var directory = Path.Combine(_dir, $"{name}-{i}");
            KernelOverlay.ExtractAsOverlay(layers[i], directory);
            if (directories.Count > 0) InheritImpliedModes(layers[i], directory, directories);
            directories.Insert(0, directory);
        }
        return directories;
    }

    private void InheritImpliedModes(byte[] layer, string directory, List<string> belowTopFirst)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = new System.Formats.Tar.TarReader(new MemoryStream(layer)))
        {
            while (reader.GetNextEntry() is { } entry)
                listed.Add(string.Join('/', entry.Name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".")));
        }
        // A directory whose name the layer whites out, or below one the layer makes opaque or whites out, is new.
        bool Fresh(string path)
        {
            var parts = path.Split('/');
            for (var n = 1; n <= parts.Length; n++)
            {
                var parent = string.Join('/', parts[..(n - 1)]);
                var prefix = parent.Length == 0 ? "" : parent + "/";
                if (listed.Contains(prefix + ".wh." + parts[n - 1])) return true;
                if (n < parts.Length && listed.Contains(string.Join('/', parts[..n]) + "/.wh..wh..opq")) return true;
            }
            return false;
        }

        var implied = Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(directory, d))
            .Where(p => !listed.Contains(p) && new DirectoryInfo(Path.Combine(directory, p)).LinkTarget is null && !Fresh(p))
            .ToList();
        if (implied.Count == 0) return;
        var mountPoint = Path.Combine(_dir, "below-" + Guid.NewGuid().ToString("N")[..8]);
        var mount = belowTopFirst.Count > 1 ? KernelOverlay.Mount(belowTopFirst, mountPoint) : null;
        try
        {
            var view = mount is null ? belowTopFirst[0] : mountPoint;
            foreach (var path in implied)
            {
                var below = new DirectoryInfo(Path.Combine(view, path));
                if (below.Exists && below.LinkTarget is null) File.SetUnixFileMode(Path.Combine(directory, path), below.UnixFileMode);
            }
        }
        finally
        {
            mount?.Dispose();
        }
    }

    private SortedDictionary<string, string> KernelView(IReadOnlyList<string> lowersTopFirst)
    {
        var mountPoint = Path.Combine(_dir, "merged-" + Guid.NewGuid().ToString("N")[..8]);
        var mount = KernelOverlay.Mount(lowersTopFirst, mountPoint);
        try
        {
            return TreeSnapshot.Of(new FileSystem(), mountPoint);
        }
        finally
        {
            mount.Dispose();
        }
    }

    [TestCase("docker-legacy")]
    [TestCase("docker-oci")]
    [TestCase("containerd")]
    [TestCase("oci-dir-zstd")]
    public void EveryImageShape_MergesAsTheKernelDoes(string shape)
    {
        var layers = SampleLayers.All();
        using var image = ContainerImage.Open(ContainerImageTests.Build(shape, _dir, layers), new ImageOpenOptions { Platform = ImagePlatform.Parse("linux/amd64") });

        var kernel = KernelView(Extract(layers, "layer"));

        TreeSnapshot.Render(TreeSnapshot.Of(image.MountReadOnly())).Should().Be(TreeSnapshot.Render(kernel));
    }

    [Test]
    public void AnExportedLayer_OnTheSameLowers_MergesInTheKernelAsInTheUnion()
    {
        var layers = SampleLayers.All();
        var branches = layers.Reverse().Select(l => TarLayerBranch.Open(new MemoryStream(l))).ToList();
        try
        {
            var fs = new UnionFileSystem(new MemoryBranch(), [.. branches]);
            LayerExportTests.Change(fs);
            using var output = new MemoryStream();
            LayerExporter.Export(fs, output, new LayerExportOptions { Compression = LayerCompression.None });

            var lowers = Extract(layers, "layer");
            var exported = Path.Combine(_dir, "exported");
            KernelOverlay.ExtractAsOverlay(output.ToArray(), exported);
            var kernel = KernelView([exported, .. lowers]);

            TreeSnapshot.Render(TreeSnapshot.Of(fs)).Should().Be(TreeSnapshot.Render(kernel));
        }
        finally
        {
            branches.ForEach(b => b.Dispose());
        }
    }

    [Test]
    public void Overlay2Storage_MergesAsTheKernelDoes()
    {
        var root = Path.Combine(_dir, "docker");
        var ids = Overlay2Fixture.Create(root, SampleLayers.All());
        var storage = Overlay2Storage.Open(root, ids[^1]);

        var kernel = KernelView(storage.DiffDirectories);

        TreeSnapshot.Render(TreeSnapshot.Of(storage.MountReadOnly())).Should().Be(TreeSnapshot.Render(kernel));
    }

    [Test]
    public void ACommittedImage_MergesAsTheKernelDoes()
    {
        using var image = ContainerImage.Open(ContainerImageTests.Build("docker-oci", _dir, SampleLayers.All()));
        var fs = image.Mount();
        LayerExportTests.Change(fs);
        var committed = fs.Commit();
        committed.Directory.Move("/srv-cache", "/srv-cache-2");
        committed.File.Delete("/etc/hosts");
        var output = Path.Combine(_dir, "committed");
        OciImageWriter.Write(output, committed, new OciImageWriteOptions { BaseConfig = image.Config, Compression = LayerCompression.None });
        using var reopened = ContainerImage.Open(output);

        var tars = reopened.Layers.Select(l =>
        {
            using var tar = l.Branch.OpenTar();
            using var copy = new MemoryStream();
            tar.CopyTo(copy);
            return copy.ToArray();
        }).ToList();
        var kernel = KernelView(Extract(tars, "committed"));

        TreeSnapshot.Render(TreeSnapshot.Of(committed)).Should().Be(TreeSnapshot.Render(kernel));
        TreeSnapshot.Render(TreeSnapshot.Of(reopened.MountReadOnly())).Should().Be(TreeSnapshot.Render(kernel));
    }
}
