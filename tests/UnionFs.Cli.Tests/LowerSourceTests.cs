using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

/// <summary>--lower with directories and tars (plain and gzip), --upper alone, --format.</summary>
public sealed class LowerSourceTests
{
    [Test]
    public void Lowers_DirectoriesAndTarsMixed_ShouldStackTopmostFirst()
    {
        using var temp = new TempDirectory();
        temp.WriteText("top/etc/hosts", "top hosts");
        temp.WriteText("top/.wh.opt", "");
        var middle = temp.Write("middle.tar.gz", LayerBuilder.Gzip(SampleLayers.Middle()));
        var bottom = temp.Write("base.tar", SampleLayers.Base());

        var result = CliRun.Text("ls", "/", "--lower", temp["top"], "--lower", middle, "--lower", bottom);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Lines.Select(l => l.Split("  ")[^1]).Should().Equal("bin/", "etc/", "home/", "lib -> usr/lib", "tmp/", "usr/", "var/");
        CliRun.Text("cat", "/etc/hosts", "/etc/motd", "--lower", temp["top"], "--lower", middle, "--lower", bottom).Out.Should().Be("top hostswelcome");
    }

    [Test]
    public void Lowers_Layers_ShouldNumberThemFromTheBottom()
    {
        using var temp = new TempDirectory();
        var top = temp.CreateDirectory("top");
        var bottom = temp.Write("base.tar.gz", LayerBuilder.Gzip(SampleLayers.Base()));

        var layers = CliRun.Text("layers", "--json", "--summary", "--lower", top, "--lower", bottom).Json().EnumerateArray().ToList();

        layers.Select(l => (l.GetProperty("id").GetString(), l.GetProperty("source").GetString())).Should().Equal(("0", bottom), ("1", top));
        layers[0].GetProperty("mediaType").GetString().Should().Be(MediaTypes.OciLayerGzip);
        layers[0].GetProperty("diffId").GetString().Should().Be(LayerBuilder.Sha256(SampleLayers.Base()));
    }

    [Test]
    public void Upper_Alone_ShouldBeAUnionWithoutLowers()
    {
        using var temp = new TempDirectory();
        temp.WriteText("upper/a/b", "b");

        CliRun.Text("tree", "--upper", temp["upper"]).Lines.Should().Equal("/", "└── a", "    └── b", "", "1 directory, 1 file");
        CliRun.Text("diff", "--upper", temp["upper"]).Lines.Should().Equal("A /a", "A /a/b");
    }

    [Test]
    public void Lowers_NeverChange()
    {
        using var workspace = new Workspace().Standard();
        var before = Directory.GetFileSystemEntries(workspace.Lower, "*", SearchOption.AllDirectories).Order().ToList();

        foreach (var command in new[] { "ls", "tree", "diff", "layers" }) CliRun.Text(workspace.With(command)).ExitCode.Should().Be(0);
        CliRun.Text(workspace.With("export-layer", workspace["x.tar"])).ExitCode.Should().Be(0);

        Directory.GetFileSystemEntries(workspace.Lower, "*", SearchOption.AllDirectories).Order().Should().Equal(before);
    }

    [Test]
    public void FormatOverlay_ShouldOpenKernelFormatDirectoriesAsRootOnly()
    {
        using var temp = new TempDirectory();
        temp.WriteText("lower/etc/hosts", "h");

        var result = CliRun.Text("ls", "/etc", "--format", "overlay", "--lower", temp["lower"]);

        if (Environment.UserName == "root")
        {
            result.ExitCode.Should().Be(0, result.ToString());
            result.Lines.Should().Equal("-rw-r--r--  1  hosts");
        }
        else
        {
            // trusted.* xattrs and whiteout devices need root: a plain one-line I/O error.
            result.ExitCode.Should().Be(3, result.ToString());
            result.Error.Should().StartWith("unionfs ls: ").And.NotContain("   at ");
        }
    }

    [Test]
    public void DanglingLink_ShouldBeListedButNotRead()
    {
        using var temp = new TempDirectory();
        var lower = temp.CreateDirectory("lower");
        File.CreateSymbolicLink(Path.Combine(lower, "dangling"), "/nowhere");

        CliRun.Text("ls", "/", "--lower", lower).Lines.Should().Equal("lrwxrwxrwx  8  dangling -> /nowhere");
        var result = CliRun.Text("cat", "/dangling", "--lower", lower);
        result.ExitCode.Should().Be(2);
        result.Error.Should().Be("unionfs cat: '/dangling': no such file (a dangling symbolic link)\n");
    }

    [Test]
    public void LinkLoop_ShouldFailOnOneLine()
    {
        using var temp = new TempDirectory();
        var lower = temp.CreateDirectory("lower");
        File.CreateSymbolicLink(Path.Combine(lower, "a"), "b");
        File.CreateSymbolicLink(Path.Combine(lower, "b"), "a");

        var result = CliRun.Text("cat", "/a", "--lower", lower);

        result.ExitCode.Should().BeOneOf(2, 3);
        result.Error.Should().StartWith("unionfs cat: ").And.Contain("symbolic links").And.NotContain("   at ");
        CliRun.Text("stat", "/a/x", "--lower", lower).ExitCode.Should().Be(2);
    }

    [Test]
    public void ImageGivenAsALower_ShouldWarnButWork()
    {
        using var temp = new TempDirectory();
        var image = temp.Write("image.tar", ImageBuilder.DockerOci(SampleImages.Layers()));

        var result = CliRun.Text("ls", "/", "--lower", image);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Error.Should().Be($"unionfs: warning: '{image}' looks like an image archive, not a layer (did you mean --image {image}?)\n");
        result.Out.Should().Contain("oci-layout");
    }
}
