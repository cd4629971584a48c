using System.Formats.Tar;
using UnionFs.Cli.Tests.Infrastructure;
using UnionFs.Images.Tests.RealTools;

namespace UnionFs.Cli.Tests;

/// <summary>
/// history, find, diff --against and efficiency against an image umoci built (<see cref="SixLayerImage"/>), with umoci as
/// the oracle where it can be one: <c>find</c> against <c>umoci unpack</c>, <c>diff --against</c> against two unpacks,
/// the shipped file bytes against umoci's layer tars. Ignored where umoci or skopeo is missing, failed there with
/// UNIONFS_REQUIRE_TOOLS=1.
/// </summary>
public sealed class RealToolInspectionTests : SixLayerImageFixture
{
    private static string[] Rootless => Environment.IsPrivilegedProcess ? [] : ["--rootless"];

    [Test]
    public void Find_EveryPath_ShouldListWhatUmociUnpacksWithTheSameTypes()
    {
        var result = CliRun.Text("find", "/**", "--json", "--image", Image.Layout);

        result.ExitCode.Should().Be(0, result.ToString());
        var found = result.Json().EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("type").GetString() switch { "symlink" => 'l', var type => type![0] });
        var unpacked = UnpackSnapshot.OfDisk(Unpacked).Where(e => e.Key != "/").ToDictionary(e => e.Key, e => e.Value[0]);
        found.Should().Equal(unpacked);
        found.Should().HaveCountGreaterThan(20);
    }

    [Test]
    public void History_ShouldNameUmocisLayersByTheirManifestDigests()
    {
        var digests = Image.Manifest()["layers"]!.AsArray().Select(l => (string)l!["digest"]!).ToList();

        var deleted = CliRun.Text("history", "/var/log/acc-real", "--json", "--image", Image.Layout);
        var hidden = CliRun.Text("history", "/usr/share/doc/pkg/README", "--json", "--image", Image.Layout);
        var replaced = CliRun.Text("history", "/opt/app/long/child", "--json", "--image", Image.Layout);

        deleted.ExitCode.Should().Be(0, deleted.ToString());
        Events(deleted).Should().Equal(("0", "added", "/var/log/acc-real", digests[0]), ("2", "deleted", "/var/log/acc-real", digests[2]));
        Events(hidden).Should().Equal(("0", "added", "/usr/share/doc/pkg/README", digests[0]), ("4", "opaque", "/usr/share/doc", digests[4]));
        Events(replaced).Should().Equal(("0", "added", "/opt/app/long/child", digests[0]), ("1", "changed", "/opt/app/long", digests[1]));
        foreach (var path in (string[])["var/log/acc-real", "usr/share/doc/pkg/README", "opt/app/long/child"])
            File.Exists(Path.Combine(Unpacked, path)).Should().BeFalse(path);
    }

    [Test]
    public void DiffAgainst_ImageUmociRepackedWithChanges_ShouldMatchTheDifferenceOfTheTwoUnpacks()
    {
        var directory = Path.Combine(Dir, "changed");
        Directory.CreateDirectory(directory);
        var changed = new UmociImage(directory);
        ToolRunner.Run("cp", ["-a", Image.Layout, changed.Layout]);
        ToolRunner.Run("umoci", ["unpack", .. Rootless, "--image", changed.Layout + ":" + UmociImage.Tag, changed.Bundle]);
        changed.Write("etc/hostname", "changed\n")
            .Delete("var/log/keep.log")
            .Chmod("etc/passwd", (UnixFileMode)0x180)
            .Delete("srv")
            .Write("srv", "a file now\n")
            .Write("new/dir/file.txt", "new\n")
            .Repack();
        var after = changed.Unpack("changed-unpacked");

        var result = CliRun.Text("diff", "--image", changed.Layout, "--against", Image.Layout);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Lines.Select(l => l.Split(' ')[0] + " " + l.Split(' ')[1]).Should().Equal(Oracle(UnpackSnapshot.OfDisk(after), UnpackSnapshot.OfDisk(Unpacked)));
        result.Lines.Should().Contain("C /etc/hostname (content)").And.Contain("C /etc/passwd (mode)").And.Contain("C /srv (type)");
    }

    [Test]
    public void DiffAgainst_SkopeoCopyInAnotherShape_ShouldFindNothing()
    {
        var archive = Path.Combine(Dir, "docker-archive.tar");
        if (!File.Exists(archive)) Image.Copy("docker-archive:" + archive + ":unionfs/test:t");

        var result = CliRun.Text("diff", "--image", archive, "--against", Image.Layout);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().BeEmpty();
    }

    [Test]
    public void Efficiency_ShouldCountWhatUmocisLaterLayersHide()
    {
        var result = CliRun.Text("efficiency", "--json", "--image", Image.Layout);

        result.ExitCode.Should().Be(0, result.ToString());
        var json = result.Json();
        json.GetProperty("fileBytes").GetInt64().Should().Be(ShippedFileBytes(Image.LayerTars()), "every regular file's data in umoci's layer tars");
        var files = json.GetProperty("files").EnumerateArray().Select(f => (f.GetProperty("path").GetString(), f.GetProperty("layer").GetString(),
            f.GetProperty("hiddenBy").GetString(), f.GetProperty("reason").GetString())).ToList();
        files.Should().BeEquivalentTo(new[]
        {
            ("/etc/hostname", "0", "1", "overwritten"),
            ("/var/cache/y", "0", "1", "deleted"),
            ("/opt/app/long/child", "0", "1", "overwritten"),
            ("/opt/app/long/sub/x", "0", "1", "overwritten"),
            ("/usr/bin/tool", "0", "1", "overwritten"),
            ("/var/log/acc-real", "0", "2", "deleted"),
            ("/usr/share/doc/pkg/README", "0", "4", "opaque"),
            ("/usr/share/doc/pkg/changelog", "0", "4", "opaque"),
            ("/var/cache/x", "0", "5", "deleted"),
        });
        json.GetProperty("wastedBytes").GetInt64().Should().Be(8 + 2 + 6 + 6 + 8 + 7 + 8 + 12 + 2);
        foreach (var (path, _, _, _) in files)
            UnpackSnapshot.OfDisk(Unpacked).ContainsKey(path!).Should().Be(path is "/etc/hostname" or "/usr/bin/tool", path);
    }

    private static List<(string?, string?, string?, string?)> Events(CliResult result) =>
        [.. result.Json().EnumerateArray().Select(e => (e.GetProperty("layer").GetString(), e.GetProperty("kind").GetString(),
            e.GetProperty("path").GetString(), e.GetProperty("digest").GetString()))];

    /// <summary>docker diff lines from two unpacks: added, changed (any description differs), deleted (only the top of a tree).</summary>
    private static List<string> Oracle(SortedDictionary<string, string> image, SortedDictionary<string, string> baseline)
    {
        var lines = new List<string>();
        foreach (var path in image.Keys.Union(baseline.Keys).Where(p => p != "/").Order(StringComparer.Ordinal))
        {
            var mine = image.GetValueOrDefault(path);
            var theirs = baseline.GetValueOrDefault(path);
            var parent = path[..path.LastIndexOf('/')] is { Length: > 0 } p ? p : "/";
            if (mine is null && theirs is not null && image.GetValueOrDefault(parent) is { } parentNow && parentNow[0] == 'd'
                && baseline[parent][0] == 'd') lines.Add("D " + path);
            else if (mine is not null && theirs is null) lines.Add("A " + path);
            else if (mine is not null && mine != theirs) lines.Add("C " + path);
        }
        return lines;
    }

    /// <summary>The next entry; null at the end, also where umoci insert ends the tar without its end-of-archive blocks.</summary>
    private static TarEntry? Next(TarReader reader)
    {
        try
        {
            return reader.GetNextEntry();
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    /// <summary>The sizes of the regular files in the layer tars (hard links carry no data; whiteouts are empty).</summary>
    private static long ShippedFileBytes(IEnumerable<byte[]> tars)
    {
        long total = 0;
        foreach (var tar in tars)
        {
            using var reader = new TarReader(new MemoryStream(tar));
            while (Next(reader) is { } entry)
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile) total += entry.Length;
        }
        return total;
    }
}
