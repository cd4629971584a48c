using System.IO.Abstractions;
using UnionFs.Cli.Tests.Infrastructure;
using UnionFs.Images.Tests.RealTools;

namespace UnionFs.Cli.Tests;

/// <summary>
/// The commands against an image umoci built (<see cref="SixLayerImage"/>), with umoci as the oracle: <c>layers</c>
/// against umoci's config and layer contents, <c>cat</c> against <c>umoci unpack</c>, <c>diff</c> of an upper over the
/// image, and <c>export-layer</c> added back with <c>umoci raw add-layer</c> and unpacked. Ignored where umoci or skopeo
/// is missing, failed there with UNIONFS_REQUIRE_TOOLS=1.
/// </summary>
public sealed class RealProducerCliTests : SixLayerImageFixture
{
    [Test]
    public void Layers_ShouldListUmocisLayersWithTheirDiffIdsAndWhatEachHides()
    {
        var result = CliRun.Text("layers", "--json", "--image", Image.Layout);

        result.ExitCode.Should().Be(0, result.ToString());
        var layers = result.Json().EnumerateArray().ToList();
        layers.Select(l => l.GetProperty("diffId").GetString()).Should().Equal(Image.DiffIds());
        List<string?> Paths(int layer, string kind) => [.. layers[layer].GetProperty(kind).EnumerateArray().Select(p => p.GetString())];
        Paths(2, "hidden").Should().Equal("/var/log/acc-real");
        Paths(2, "added").Should().BeEmpty("insert --whiteout adds nothing; its implied /var and /var/log are the directories below");
        Paths(3, "added").Should().Equal("/etc/ins.txt");
        Paths(4, "opaque").Should().Equal("/usr/share/doc");
        Paths(5, "hidden").Should().Equal("/var/cache/x");
    }

    [Test]
    public void Cat_EveryFile_ShouldPrintWhatUmociUnpacks()
    {
        var files = Directory.EnumerateFiles(Unpacked, "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).LinkTarget is null).ToList();
        files.Should().HaveCountGreaterThan(10);

        foreach (var file in files)
        {
            var path = "/" + Path.GetRelativePath(Unpacked, file);
            var result = CliRun.Binary("cat", path, "--image", Image.Layout);
            result.ExitCode.Should().Be(0, result.ToString());
            result.Binary.Should().Equal(File.ReadAllBytes(file), path);
        }
    }

    [Test]
    public void Diff_UpperDirectoryOverTheImpliedVarCache_ShouldShowItChanged()
    {
        var upper = Directory.CreateDirectory(Path.Combine(Dir, "upper")).FullName;
        Directory.CreateDirectory(Path.Combine(upper, "var", "cache"));
        File.WriteAllText(Path.Combine(upper, "var", "cache", "new"), "n");

        var result = CliRun.Text("diff", "--image", Image.Layout, "--upper", upper);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Lines.Should().Equal("C /var", "C /var/cache", "A /var/cache/new");
    }

    [Test]
    public void ExportLayer_AddedWithUmoci_ShouldUnpackToTheMergedView()
    {
        // A copy of the layout, so the fixture's image stays as built.
        var layout = Path.Combine(Dir, "oci");
        ToolRunner.Run("cp", ["-a", Image.Layout, layout]);
        var upper = Directory.CreateDirectory(Path.Combine(Dir, "upper")).FullName;
        using (var image = ContainerImage.Open(layout))
        {
            var fs = image.Mount(new DirectoryBranch(new FileSystem(), upper));
            fs.File.Delete("/etc/passwd");
            fs.File.WriteAllText("/etc/hostname", "changed\n");
            fs.Directory.Delete("/opt/app", recursive: true);
            fs.Directory.CreateDirectory("/srv/www/new");
            fs.File.WriteAllText("/srv/www/new/page.html", "<p>new</p>\n");
            fs.Directory.Delete("/var/log", recursive: true);
            fs.Directory.CreateDirectory("/var/log");
            fs.File.WriteAllText("/var/log/fresh.log", "fresh\n");
            fs.File.SetUnixFileMode("/usr/bin/sg-like", (UnixFileMode)0x1ED);
        }
        var layer = Path.Combine(Dir, "change.tar");

        var result = CliRun.Text("export-layer", layer, "--image", layout, "--upper", upper);

        result.ExitCode.Should().Be(0, result.ToString());
        ToolRunner.Run("umoci", ["raw", "add-layer", "--image", layout + ":" + UmociImage.Tag, layer]);
        var unpacked = Path.Combine(Dir, "unpacked");
        ToolRunner.Run("umoci", ["unpack", .. Environment.IsPrivilegedProcess ? Array.Empty<string>() : ["--rootless"], "--image", layout + ":" + UmociImage.Tag, unpacked]);
        using var original = ContainerImage.Open(Image.Layout);
        UnpackSnapshot.ShouldMatch(original.Mount(new DirectoryBranch(new FileSystem(), upper)), Path.Combine(unpacked, "rootfs"),
            "the image with the exported upper on top");
    }
}
