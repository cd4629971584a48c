using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

public sealed class DiffTests
{
    [Test]
    public void Diff_ShouldPrintDockerDiffLinesSortedByPath()
    {
        using var workspace = new Workspace().Standard();

        var result = CliRun.Text(workspace.With("diff"));

        result.ExitCode.Should().Be(0, result.ToString());
        result.Lines.Should().Equal(
            "C /etc",
            "C /etc/hosts",
            "D /etc/motd",
            "A /etc/new.conf",
            "A /srv",
            "A /srv/www",
            "A /srv/www/index.html",
            "C /var",
            "D /var/log");
        result.Error.Should().BeEmpty();
    }

    [Test]
    public void Diff_ShouldMatchTheLibrarysChanges()
    {
        using var workspace = new Workspace().Standard();
        IReadOnlyList<UnionChange> expected = [];
        workspace.Change(fs => expected = ((UnionFileSystem)fs).GetChanges());

        CliRun.Text(workspace.With("diff")).Lines.Should().Equal(expected.Select(c => c.ToString()));
    }

    [Test]
    public void Diff_DirectoryRecreatedOverADeletedOne_ShouldShowItChanged()
    {
        using var workspace = new Workspace().Change(fs =>
        {
            fs.Directory.Delete("/var/log", recursive: true);
            fs.Directory.CreateDirectory("/var/log");
            fs.File.WriteAllText("/var/log/c.log", "c");
        });

        var result = CliRun.Text(workspace.With("diff"));

        // The re-created directory is opaque: the old files are reported deleted, the new one added.
        result.Lines.Should().Equal("C /var", "C /var/log", "D /var/log/a.log", "D /var/log/b.log", "A /var/log/c.log");
        CliRun.Text(workspace.With("ls", "/var/log")).Lines.Should().Equal("-rw-r--r--  1  c.log");
    }

    [Test]
    public void Diff_NoChanges_ShouldPrintNothing()
    {
        using var workspace = new Workspace();

        var result = CliRun.Text(workspace.With("diff"));

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().BeEmpty();
        CliRun.Text(workspace.With("diff", "--json")).Json().GetArrayLength().Should().Be(0);
    }

    [Test]
    public void DiffJson_ShouldPrintPathAndKind()
    {
        using var workspace = new Workspace().Standard();

        var changes = CliRun.Text(workspace.With("diff", "--json")).Json().EnumerateArray()
            .Select(c => (c.GetProperty("path").GetString(), c.GetProperty("kind").GetString())).ToList();

        changes.Should().Equal(
            ("/etc", "changed"), ("/etc/hosts", "changed"), ("/etc/motd", "deleted"), ("/etc/new.conf", "added"),
            ("/srv", "added"), ("/srv/www", "added"), ("/srv/www/index.html", "added"), ("/var", "changed"), ("/var/log", "deleted"));
    }

    [Test]
    public void Diff_UpperOverAnImage_ShouldCompareWithTheImagesLayers()
    {
        using var temp = new TempDirectory();
        var image = temp.Write("image.tar", ImageBuilder.DockerOci(SampleImages.Layers()));
        temp.WriteText("upper/etc/hosts", "changed");
        temp.WriteText("upper/usr/bin/.wh.tool-link", "");
        temp.WriteText("upper/root/.bashrc", "alias ll='ls -l'");

        var result = CliRun.Text("diff", "--image", image, "--upper", temp["upper"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Lines.Should().Equal("C /etc", "C /etc/hosts", "A /root", "A /root/.bashrc", "C /usr", "C /usr/bin", "D /usr/bin/tool-link");
    }

    [Test]
    public void Diff_UpperDirectoryOverADirectoryALayerOnlyImplies_ShouldShowItChanged()
    {
        // The base has /var/cache; the next layer lists only var/cache/.wh.x (umoci insert --whiteout), no entry for the directory.
        using var temp = new TempDirectory();
        var layers = new List<byte[]>
        {
            new LayerBuilder().Dir("var").Dir("var/cache", (UnixFileMode)0x1E8).File("var/cache/x", "x").File("var/cache/y", "y").Build(),
            new LayerBuilder().Whiteout("var/cache/x").Build(),
        };
        var image = temp.Write("image.tar", ImageBuilder.DockerOci(layers));
        temp.CreateDirectory("upper/var/cache");

        var result = CliRun.Text("diff", "--image", image, "--upper", temp["upper"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Lines.Should().Equal("C /var", "C /var/cache");
    }
}
