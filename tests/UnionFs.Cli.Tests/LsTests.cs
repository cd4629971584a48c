using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

public sealed class LsTests : ImageFixture
{
    [Test]
    public void Ls_Root_ShouldListModeSizeAndName()
    {
        var result = CliRun.Text("ls", "/", "--image", Image);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Lines.Should().Equal(
            "drwxr-xr-x  -  bin/",
            "drwxr-xr-x  -  deep/",
            "drwxr-xr-x  -  etc/",
            "drwxr-xr-x  -  home/",
            "lrwxrwxrwx  7  lib -> usr/lib",
            "drwxr-xr-x  -  opt/",
            "drwxrwxrwt  -  tmp/",
            "drwxr-xr-x  -  usr/",
            "drwxr-xr-x  -  var/");
    }

    [Test]
    public void Ls_WithoutPath_ShouldListTheRoot() =>
        CliRun.Text("ls", "--image", Image).Out.Should().Be(CliRun.Text("ls", "/", "--image", Image).Out);

    [Test]
    public void Ls_Directory_ShouldAlignSizesAndHideWhiteouts()
    {
        var result = CliRun.Text("ls", "/etc", "--image", Image);

        result.Lines.Should().Equal(
            "drwxr-xr-x   -  conf.d/",
            "-rw-r--r--  34  hosts",
            "-rw-r--r--   7  motd",
            "-rw-r--r--  28  passwd");
    }

    [Test]
    public void Ls_RelativePath_ShouldStartAtTheRoot() =>
        CliRun.Text("ls", "etc/conf.d", "--image", Image).Lines.Should().Equal("-rw-r--r--  2  b.conf");

    [Test]
    public void Ls_File_ShouldListItAlone() =>
        CliRun.Text("ls", "/usr/bin/tool", "--image", Image).Lines.Should().Equal("-rwxr-xr-x  8  tool");

    [Test]
    public void Ls_SymbolicLinkToADirectory_ShouldListTheTarget() =>
        CliRun.Text("ls", "/lib", "--image", Image).Lines.Should().Equal("-rw-r--r--  5000  libx.so");

    [Test]
    public void Ls_OpaqueDirectory_ShouldShowOnlyTheUpperLayersEntries() =>
        CliRun.Text("ls", "/opt/app", "--image", Image).Lines.Should().Equal("-rw-r--r--  3  new.txt");

    [Test]
    public void Ls_Json_ShouldPrintPathTypeSizeAndTarget()
    {
        var result = CliRun.Text("ls", "/", "--json", "--image", Image);

        result.ExitCode.Should().Be(0, result.ToString());
        var entries = result.Json().EnumerateArray().ToList();
        entries.Select(e => e.GetProperty("path").GetString()).Should().Equal("/bin", "/deep", "/etc", "/home", "/lib", "/opt", "/tmp", "/usr", "/var");
        var lib = entries[4];
        lib.GetProperty("type").GetString().Should().Be("symlink");
        lib.GetProperty("size").GetInt64().Should().Be(7);
        lib.GetProperty("target").GetString().Should().Be("usr/lib");
        entries[0].GetProperty("type").GetString().Should().Be("directory");
        entries[0].TryGetProperty("target", out _).Should().BeFalse();
    }

    [Test]
    public void Ls_JsonOfAFile_ShouldBeAnArrayOfOne()
    {
        var entry = CliRun.Text("ls", "/usr/lib/libx.so", "--json", "--image", Image).Json().EnumerateArray().Single();

        entry.GetProperty("path").GetString().Should().Be("/usr/lib/libx.so");
        entry.GetProperty("type").GetString().Should().Be("file");
        entry.GetProperty("size").GetInt64().Should().Be(5000);
    }

    [Test]
    public void Ls_EmptyDirectory_ShouldPrintNothing()
    {
        var lower = Temp.CreateDirectory("empty-lower/dir");

        var result = CliRun.Text("ls", "/dir", "--lower", Path.GetDirectoryName(lower)!);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().BeEmpty();
    }

    [Test]
    public void Ls_OptionsBeforeTheCommand_ShouldWorkToo() =>
        CliRun.Text("--image", Image, "ls", "/etc/conf.d").Lines.Should().Equal("-rw-r--r--  2  b.conf");

    [Test]
    public void Ls_OptionWithEquals_ShouldWorkToo() =>
        CliRun.Text("ls", "/etc/conf.d", "--image=" + Image).Lines.Should().Equal("-rw-r--r--  2  b.conf");
}
