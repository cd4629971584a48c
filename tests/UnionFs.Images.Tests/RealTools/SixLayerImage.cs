namespace UnionFs.Images.Tests.RealTools;

/// <summary>
/// The real-producer sample: a small hand-made tree (a /var/log of mode 0750, setuid, setgid and sticky modes,
/// hard links, relative and absolute symbolic links, names longer than 100 characters) built into six layers
/// by every umoci layer kind, the shapes that issue 12 found real producers write:
/// <list type="number">
/// <item>repack: the base tree;</item>
/// <item>repack: a non-empty directory replaced by a file (the file, then <c>.wh.</c> entries below it), a deleted
/// file, a changed file, a changed mode, a new setgid directory;</item>
/// <item>insert --whiteout /var/log/acc-real: one whiteout, no parent entries, no end-of-archive blocks;</item>
/// <item>insert of one file: the tar ends right after the file's data (no padding);</item>
/// <item>insert --opaque of a directory over /usr/share/doc: the old contents hidden;</item>
/// <item>insert --whiteout /var/cache/x: /var/cache stays, implied only (issue 12 item 4).</item>
/// </list>
/// </summary>
public static class SixLayerImage
{
    public const int LayerCount = 6;

    /// <summary>A directory name and a file name that make a path longer than 100 characters (GNU/PAX long names).</summary>
    public static readonly string LongPath =
        "opt/" + string.Concat(Enumerable.Repeat("deep-directory-", 6)) + "/" + string.Concat(Enumerable.Repeat("a-file-name-", 10)) + ".txt";

    private static UnixFileMode Mode(int octal) => (UnixFileMode)octal;

    /// <summary>Builds the image in <paramref name="directory"/> (the sources of inserted files go to a sub-directory of it).</summary>
    public static UmociImage Build(string directory)
    {
        var image = new UmociImage(directory).Init();
        image.Mkdir("etc", Mode(0x1ED))
            .Write("etc/hostname", "unionfs\n")
            .Write("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
            .Symlink("etc/localtime", "/usr/share/zoneinfo/UTC")
            .Mkdir("var", Mode(0x1ED))
            .Mkdir("var/log", Mode(0x1E8))                      // 0750
            .Write("var/log/acc-real", "access\n", Mode(0x1A0))   // 0640
            .Write("var/log/keep.log", "kept\n")
            .Mkdir("var/cache", Mode(0x1ED))
            .Write("var/cache/x", "x\n")
            .Write("var/cache/y", "y\n")
            .Write("usr/bin/su-like", "#!/bin/sh\necho su\n", Mode(0x9ED))   // 04755
            .Write("usr/bin/sg-like", "#!/bin/sh\necho sg\n", Mode(0x5ED))   // 02755
            .Write("usr/bin/tool", "tool v1\n", Mode(0x1ED))
            .HardLink("usr/bin/tool-hard", "usr/bin/tool")
            .Write("usr/lib/libz.so.1.2", new string('z', 3000))
            .Symlink("usr/lib/libz.so", "libz.so.1.2")
            .Write("usr/share/doc/pkg/README", "old doc\n")
            .Write("usr/share/doc/pkg/changelog", "old changes\n")
            .Mkdir("tmp", Mode(0x3FF))                            // 01777
            .Write(LongPath, "long name\n")
            .Write("opt/app/long/child", "child\n")
            .Write("opt/app/long/sub/x", "sub x\n")
            .Repack();

        image.Delete("opt/app/long")
            .Write("opt/app/long", "now a file\n")
            .Delete("var/cache/y")
            .Write("etc/hostname", "unionfs-2\n")
            .Mkdir("srv", Mode(0x1ED))
            .Mkdir("srv/www", Mode(0x5FD))                        // 02775
            .Write("srv/www/index.html", "<h1>hi</h1>\n")
            .Chmod("usr/bin/tool", Mode(0x1C0))                  // 0700, the hard link too
            .Repack();

        var sources = Path.Combine(directory, "sources");
        Directory.CreateDirectory(Path.Combine(sources, "doc", "new"));
        File.WriteAllText(Path.Combine(sources, "ins.txt"), "inserted, 22 bytes...\n");
        File.WriteAllText(Path.Combine(sources, "doc", "new", "README"), "new doc\n");
        image.InsertWhiteout("/var/log/acc-real")
            .Insert(Path.Combine(sources, "ins.txt"), "/etc/ins.txt")
            .Insert(Path.Combine(sources, "doc"), "/usr/share/doc", opaque: true)
            .InsertWhiteout("/var/cache/x");
        return image;
    }
}
