namespace UnionFs.Tests.Confinement;

/// <summary>
/// Inputs that try to reach outside a <see cref="DirectoryBranch"/>'s root: <c>..</c> in every spelling, host
/// symbolic links pointing out (absolute, relative, chained, looping), link targets stored through the union,
/// NUL and control characters, names and paths too long for the host, names that look like union markers, and
/// Unicode look-alikes of <c>.</c> and <c>/</c>.
/// </summary>
public static class HostileCatalogue
{
    private static readonly string LongName255 = new('n', 255);
    private static readonly string LongName256 = new('n', 256);
    private static readonly string LongName10K = new('n', 10_000);
    private static readonly string LongPath5K = string.Concat(Enumerable.Repeat("/" + new string('p', 99), 50));
    // Long, not deep: depth is the scale tests' subject (a chain made through the union costs a walk per level).
    private static readonly string LongPath100K = string.Concat(Enumerable.Repeat("/" + new string('q', 99), 1_000));
    private static readonly string DotDots200 = string.Concat(Enumerable.Repeat("../", 200));

    public static IReadOnlyList<HostileInput> All { get; } = Build();

    private static List<HostileInput> Build() =>
    [
        // .. in every spelling: the union clamps at its root, the host never sees one.
        new("relative-dotdot", "dotdot", "../canary.txt"),
        new("absolute-dotdot", "dotdot", "/../canary.txt"),
        new("many-dotdots", "dotdot", "/../../../../../../canary.txt"),
        new("dotdot-after-name", "dotdot", "/dir/../../canary.txt"),
        new("dotdot-to-sandbox-name", "dotdot", "../../sandbox/canary.txt"),
        new("dot-then-dotdot", "dotdot", "/./../canary.txt"),
        new("doubled-separators", "dotdot", "//..//..//canary.txt"),
        new("trailing-dotdot", "dotdot", "/dir/.."),
        new("two-hundred-dotdots", "dotdot", "/" + DotDots200 + "canary.txt"),
        new("three-dots-name", "dotdot", "/..."),
        new("four-dots-then-dotdot", "dotdot", "/..../../canary.txt"),
        new("backslash-dotdot", "dotdot", "..\\canary.txt"),
        new("url-encoded-dotdot", "dotdot", "/%2e%2e/canary.txt"),
        new("host-absolute-canary", "dotdot", "{sandbox}/canary.txt"),
        new("host-absolute-root", "dotdot", "{sandbox}/root/file.txt"),

        // Host links a layer already holds, pointing out of the root.
        new("abs-link-to-canary", "host-link", "/abs-canary") { Plant = p => p.Link("abs-canary", "{sandbox}/canary.txt"), RealDiskOnly = true },
        new("rel-link-to-canary", "host-link", "/rel-canary") { Plant = p => p.Link("rel-canary", "../canary.txt"), RealDiskOnly = true },
        new("link-to-parent-dir", "host-link", "/up/canary.txt") { Plant = p => p.Link("up", ".."), RealDiskOnly = true },
        new("abs-link-to-outside-dir", "host-link", "/outdir/secret.txt") { Plant = p => p.Link("outdir", "{sandbox}/outside"), RealDiskOnly = true },
        new("link-to-host-root", "host-link", "/hostroot{sandbox}/canary.txt") { Plant = p => p.Link("hostroot", "/"), RealDiskOnly = true },
        new("nested-link-escaping", "host-link", "/dir/esc/canary.txt") { Plant = p => p.Link("dir/esc", "../.."), RealDiskOnly = true },
        new("link-chain-out", "host-link", "/c1") { Plant = p => { p.Link("c1", "c2"); p.Link("c2", "dir/c3"); p.Link("dir/c3", "../../canary.txt"); }, RealDiskOnly = true },
        new("self-loop", "host-link", "/self") { Plant = p => p.Link("self", "self"), RealDiskOnly = true },
        new("two-link-loop", "host-link", "/loop1/x") { Plant = p => { p.Link("loop1", "loop2"); p.Link("loop2", "loop1"); }, RealDiskOnly = true },
        new("link-to-dot-recursion", "host-link", "/dot" + string.Concat(Enumerable.Repeat("/dot", 45)) + "/file.txt") { Plant = p => p.Link("dot", "."), RealDiskOnly = true },
        new("proc-self-root", "host-link", "/proc{sandbox}/canary.txt") { Plant = p => p.Link("proc", "/proc/self/root"), RealDiskOnly = true },
        new("dangling-link-to-outside", "host-link", "/dangle") { Plant = p => p.Link("dangle", "{sandbox}/outside/created-by-union.txt"), RealDiskOnly = true },
        new("dangling-rel-link-to-outside", "host-link", "/dir/dangle") { Plant = p => p.Link("dir/dangle", "../../outside/created-by-union.txt"), RealDiskOnly = true },
        new("link-many-dotdots", "host-link", "/deep") { Plant = p => p.Link("deep", DotDots200 + "{sandbox}/canary.txt"), RealDiskOnly = true },
        new("link-to-outside-file-in-dir", "host-link", "/dir/secret") { Plant = p => p.Link("dir/secret", "{sandbox}/outside/secret.txt"), RealDiskOnly = true },
        new("link-to-outside-writable-dir", "host-link", "/outdir/new.txt") { Plant = p => p.Link("outdir", "../outside"), RealDiskOnly = true },
        new("work-area-link-out", "host-link", "/file.txt") { Plant = p => p.Link(".wh..wh..unionfs-work", "{sandbox}/outside"), RealDiskOnly = true },
        new("work-area-file", "marker", "/file.txt") { Plant = p => p.File(".wh..wh..unionfs-work", "not a directory") },
        new("opaque-marker-link-out", "host-link", "/dir") { Plant = p => p.Link("dir/.wh..wh..opq", "{sandbox}/canary.txt"), RealDiskOnly = true },
        new("whiteout-link-out", "host-link", "/victim") { Plant = p => { p.File("victim", "v"); p.Link(".wh.victim", "{sandbox}/canary.txt"); }, RealDiskOnly = true },
        new("whiteout-beside-file-link-out", "host-link", "/file.txt") { Plant = p => p.Link(".wh.file.txt", "{sandbox}/canary.txt"), RealDiskOnly = true },

        // Link targets a caller stores through the union: resolved inside the union, never by the host.
        new("target-dotdot", "stored-link", "/made", "../canary.txt"),
        new("target-abs-dotdot", "stored-link", "/made", "/../../canary.txt"),
        new("target-host-absolute", "stored-link", "/made", "{sandbox}/canary.txt"),
        new("target-host-outside-dir", "stored-link", "/made", "{sandbox}/outside"),
        new("target-proc-self-root", "stored-link", "/made", "/proc/self/root{sandbox}/canary.txt"),
        new("target-many-dotdots", "stored-link", "/made", DotDots200 + "canary.txt"),
        new("target-with-nul", "stored-link", "/made", "a\0b"),
        new("target-self", "stored-link", "/made", "/made"),
        new("target-dot", "stored-link", "/made", "."),
        new("target-dangling-outside", "stored-link", "/made", "{sandbox}/outside/created-by-union.txt"),

        // NUL and control characters.
        new("nul-inside", "control", "/a\0b"),
        new("nul-only", "control", "\0"),
        new("nul-after-dotdot", "control", "/..\0/canary.txt"),
        new("newline", "control", "/a\nb"),
        new("carriage-return", "control", "/a\rb"),
        new("tab", "control", "/a\tb"),
        new("escape-sequence", "control", "/\u001b[31mred"),
        new("delete-char", "control", "/\u007f"),
        new("bell-and-backspace", "control", "/\u0007\u0008"),

        // Lengths the host refuses.
        new("name-255", "long", "/" + LongName255),
        new("name-256", "long", "/" + LongName256),
        new("name-10000", "long", "/" + LongName10K),
        new("path-5000", "long", LongPath5K),
        // A MockFileSystem needs minutes for its own handling of a path this long: the real disk only.
        new("path-100000", "long", LongPath100K) { RealDiskOnly = true },
        new("long-name-in-dir", "long", "/dir/" + LongName256),

        // Names that look like markers.
        new("whiteout-name", "marker", "/.wh.x"),
        new("whiteout-of-existing", "marker", "/.wh.file.txt"),
        new("opaque-marker-name", "marker", "/.wh..wh..opq"),
        new("opaque-marker-in-dir", "marker", "/dir/.wh..wh..opq"),
        new("work-area-name", "marker", "/.wh..wh..unionfs-work"),
        new("work-area-dotdot", "marker", "/.wh..wh..unionfs-work/../../canary.txt"),
        new("work-area-journal", "marker", "/.wh..wh..unionfs-work/x.whiteout"),
        new("bare-whiteout-prefix", "marker", "/.wh."),
        new("meta-prefix", "marker", "/.wh..wh."),
        new("planted-journal", "marker", "/file.txt") { Plant = p => p.File(".wh..wh..unionfs-work/0.whiteout", "/../../canary.txt") },

        // Unicode look-alikes of . and /.
        new("fullwidth-dots", "unicode", "/\uFF0E\uFF0E/canary.txt"),
        new("two-dot-leader", "unicode", "/\u2025/canary.txt"),
        new("division-slash", "unicode", "/..\u2215canary.txt"),
        new("fullwidth-solidus", "unicode", "/..\uFF0Fcanary.txt"),
        new("fraction-slash", "unicode", "/..\u2044canary.txt"),
        new("zero-width-space", "unicode", "/.\u200B./canary.txt"),
        new("right-to-left-override", "unicode", "/\u202Etxt.file"),
        new("combining-dot", "unicode", "/.\u0307."),
        new("lone-surrogate", "unicode", "/\uD800"),
        new("decomposed-e-acute", "unicode", "/e\u0301"),
    ];
}
