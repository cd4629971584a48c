using System.Formats.Tar;

namespace UnionFs.Cli.Tests.Infrastructure;

/// <summary>Three layers that use every feature: implicit parents, hard and symbolic links, whiteouts, opaque markers anywhere, replacement of subtrees.</summary>
public static class SampleLayers
{
    public static readonly string LongName = "deep/" + string.Concat(Enumerable.Repeat("long-directory-name-", 8)) + "/file-with-a-long-name.txt";

    /// <summary>Base layer.</summary>
    public static byte[] Base() => new LayerBuilder(TarEntryFormat.Gnu)
        .Dir("bin")
        .File("bin/sh", "#!shell", (UnixFileMode)0x1ED)
        .HardLink("bin/ls", "bin/sh")
        .Dir("etc")
        .File("etc/hosts", "127.0.0.1 localhost\n")
        .File("etc/passwd", "root:x:0:0\n")
        .File("etc/conf.d/a.conf", "a")
        .File("etc/conf.d/b.conf", "b")
        .File("usr/lib/libx.so", new byte[5000])
        .Symlink("lib", "usr/lib")
        .Dir("tmp", (UnixFileMode)0x3FF)
        .File("tmp/scratch", "s")
        .File("var/log/old.log", "old")
        .File("var/cache/c", "c")
        .File("opt/app/data.txt", "data")
        .File("opt/app/sub/deep.txt", "deep")
        .File("home/user/.profile", "profile")
        .Build();

    /// <summary>Middle layer: ./ and absolute names, whiteouts, an opaque marker after the directory's new file, a subtree replaced by a link.</summary>
    public static byte[] Middle() => new LayerBuilder()
        .File("./etc/passwd", "root:x:0:0\nuser:x:1000:1000\n")
        .Whiteout("./etc/conf.d/a.conf")
        .File("opt/app/new.txt", "new")
        .Opaque("opt/app")
        .Whiteout("var/log")
        .Symlink("home/user", "/tmp")
        .File("/etc/motd", "welcome")
        .Build();

    /// <summary>Top layer: a modification, a whiteout of a hard link, a PAX long name, whiteout plus re-creation in the same layer.</summary>
    public static byte[] Top() => new LayerBuilder()
        .Opaque("tmp")
        .File("etc/hosts", "127.0.0.1 localhost\n::1 localhost\n")
        .Whiteout("bin/ls")
        .File(LongName, "long")
        .File("etc/conf.d/b.conf", "b2")
        .Whiteout("etc/conf.d/b.conf")
        .Whiteout("var/cache")
        .Dir("var/cache")
        .File("var/cache/fresh", "fresh")
        .File("tmp/new", "n")
        .Build();

    public static IReadOnlyList<byte[]> All() => [Base(), Middle(), Top()];
}
