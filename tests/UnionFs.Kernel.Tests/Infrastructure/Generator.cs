namespace UnionFs.Kernel.Tests.Infrastructure;

/// <summary>
/// Random scenarios from a seed, over a small name space so that names collide: at the root a, b, c, d.txt,
/// x, y; one level down a, b, d.txt, z; two levels down a, b, d.txt. Lowers (1 to 4) mix files,
/// directories, relative symbolic links (self-loops and dangling ones included), whiteouts and opaque directories, so files lie over directories and
/// directories over files between layers.
/// </summary>
public sealed class Generator
{
    private static readonly string[][] Names =
    [
        ["a", "b", "c", "d.txt", "x", "y"],
        ["a", "b", "d.txt", "z"],
        ["a", "b", "d.txt"],
    ];

    /// <summary>
    /// Relative link targets by level, without "..": a link that is moved (File.Move, Directory.Move) keeps its
    /// target text, and a ".." that climbs above the union root resolves outside the mount on the kernel side
    /// but stops at the root in UnionFs (Linux's rule for "/.."), which is no overlayfs behaviour to compare.
    /// Targets without ".." always stay inside. ".." targets are covered by the scripted cases, where nothing
    /// moves them.
    /// </summary>
    private static readonly string[][] LinkTargets =
    [
        ["a", "x", "d.txt", "nowhere", "x/a", "y/z", "x/z/a", "c"],
        ["a", "z", "nowhere", "z/d.txt", "b", "d.txt"],
        ["a", "nowhere", "d.txt", "b"],
    ];

    private static readonly (FileMode Mode, FileAccess Access)[] ValidOpens =
    [
        (FileMode.Open, FileAccess.Read), (FileMode.Open, FileAccess.Write), (FileMode.Open, FileAccess.ReadWrite),
        (FileMode.OpenOrCreate, FileAccess.Read), (FileMode.OpenOrCreate, FileAccess.Write), (FileMode.OpenOrCreate, FileAccess.ReadWrite),
        (FileMode.Create, FileAccess.Write), (FileMode.Create, FileAccess.ReadWrite),
        (FileMode.CreateNew, FileAccess.Write), (FileMode.CreateNew, FileAccess.ReadWrite),
        (FileMode.Truncate, FileAccess.Write), (FileMode.Truncate, FileAccess.ReadWrite),
        (FileMode.Append, FileAccess.Write),
    ];

    private static readonly string[] Patterns = ["*", "*.txt", "a*"];

    private readonly Random _random;
    private int _texts;

    public Generator(int seed) => _random = new Random(seed);

    public static Scenario Scenario(int seed)
    {
        var generator = new Generator(seed);
        var layers = generator.Layers();
        var ops = generator.Ops(generator._random.Next(30, 51));
        return new Scenario($"seed {seed}", layers, ops);
    }

    public LayerSet Layers()
    {
        var count = 1 + _random.Next(4);
        var lowers = new Lower[count];
        for (var i = 0; i < count; i++)
        {
            var lower = new Lower();
            FillDirectory(ref lower, "", 0, i, isBottom: i == count - 1);
            lowers[i] = lower;
        }
        return new LayerSet(lowers).Sanitized();
    }

    private void FillDirectory(ref Lower lower, string directory, int level, int layer, bool isBottom)
    {
        var density = level switch { 0 => 0.6, 1 => 0.45, _ => 0.35 };
        foreach (var name in Names[level])
        {
            if (_random.NextDouble() > density) continue;
            var path = directory + "/" + name;
            var dirish = name is "x" or "y" or "z";
            var roll = _random.NextDouble();
            if (!isBottom && roll < 0.12)
            {
                lower = lower.Whiteout(path);
            }
            else if (level < 2 && roll < (dirish ? 0.75 : 0.3))
            {
                lower = !isBottom && _random.NextDouble() < 0.2 ? lower.Opaque(path) : lower.Dir(path);
                FillDirectory(ref lower, path, level + 1, layer, isBottom);
            }
            else if (roll < 0.85)
            {
                lower = lower.File(path, $"L{layer + 1}{path}");
            }
            else
            {
                var targets = LinkTargets[level];
                var target = _random.NextDouble() < 0.05 ? name : targets[_random.Next(targets.Length)];
                lower = lower.Link(path, target);
            }
        }
    }

    public List<Op> Ops(int count)
    {
        var ops = new List<Op>(count);
        for (var i = 0; i < count; i++) ops.Add(NextOp());
        return ops;
    }

    private string Text() => "t" + (++_texts).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A path in the name space: mostly one or two levels deep, sometimes under a name that is not a directory.</summary>
    private string AnyPath()
    {
        var level = _random.NextDouble() switch { < 0.4 => 0, < 0.8 => 1, _ => 2 };
        var path = "";
        for (var l = 0; l < level; l++)
        {
            var parents = l == 0 ? (_random.NextDouble() < 0.85 ? new[] { "x", "y" } : Names[0]) : (_random.NextDouble() < 0.85 ? ["z"] : Names[1]);
            path += "/" + parents[_random.Next(parents.Length)];
        }
        return path + "/" + Pick(Names[level]);
    }

    /// <summary>A path that is often a directory.</summary>
    private string DirPath() => _random.NextDouble() switch
    {
        < 0.15 => "/",
        < 0.75 => Pick(["/x", "/y", "/x/z", "/y/z", "/x/z/a", "/y/a", "/a"]),
        _ => AnyPath(),
    };

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private Op NextOp()
    {
        var roll = _random.Next(100);
        switch (roll)
        {
            case < 9: return new WriteAllText(AnyPath(), Text());
            case < 14: return new AppendAllText(AnyPath(), Text());
            case < 18: return new ReadAllText(AnyPath());
            case < 26:
            {
                if (_random.NextDouble() < 0.08) return new OpenFile(AnyPath(), FileMode.Append, FileAccess.ReadWrite, Text());
                if (_random.NextDouble() < 0.15) return new AppendHandles(AnyPath(), Text(), Text(), _random.Next(3));
                var (mode, access) = Pick(ValidOpens);
                return new OpenFile(AnyPath(), mode, access, Text());
            }
            case < 28: return new SetLength(AnyPath(), _random.Next(3));
            case < 35: return new DeleteFile(AnyPath());
            case < 42: return new CreateDirectory(_random.NextDouble() < 0.5 ? DirPath() : AnyPath());
            case < 49: return new DeleteDirectory(DirPath(), _random.NextDouble() < 0.5);
            case < 56: return new MoveFile(AnyPath(), AnyPath(), _random.NextDouble() < 0.5);
            case < 64:
            {
                // Not the root: on the kernel side it is the mount point, and renaming a mount point is the VFS's
                // business (EXDEV), not overlayfs's, so the two sides cannot be compared there.
                var source = DirPath();
                while (source == "/") source = DirPath();
                var destination = _random.NextDouble() < 0.15 ? source.TrimEnd('/') + "/" + Pick(Names[1]) : _random.NextDouble() < 0.5 ? DirPath() : AnyPath();
                return new MoveDirectory(source, destination);
            }
            case < 68: return new CopyFile(AnyPath(), AnyPath(), _random.NextDouble() < 0.5);
            case < 70: return new ReplaceFile(AnyPath(), AnyPath(), _random.NextDouble() < 0.5 ? null : AnyPath());
            case < 72: return new SetLastWriteTime(_random.NextDouble() < 0.5 ? AnyPath() : DirPath());
            case < 74: return new SetUnixMode(AnyPath(), Pick(new[] { (UnixFileMode)0x1A4, (UnixFileMode)0x1ED, (UnixFileMode)0x180, (UnixFileMode)0x124 }));
            case < 76: return new SetReadOnly(AnyPath(), _random.NextDouble() < 0.6);
            case < 80:
            {
                var path = AnyPath();
                var level = path.Count(c => c == '/') - 1;
                return new CreateSymlink(path, Pick(LinkTargets[Math.Min(level, 2)]));
            }
            case < 83: return new ResolveLinkTarget(AnyPath(), _random.NextDouble() < 0.5);
            case < 90: return new Enumerate(DirPath(), Pick(Enum.GetValues<Listing>()), Pick(Patterns), _random.NextDouble() < 0.3 ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly);
            case < 92: return new Exists(AnyPath());
            case < 93:
            {
                var action = Pick(Enum.GetValues<WhileOpen>());
                return new ReadHandle(AnyPath(), action, action == WhileOpen.Move ? AnyPath() : Text());
            }
            case < 96: return new GetUnixMode(_random.NextDouble() < 0.5 ? AnyPath() : DirPath());
            default: return new GetAttributes(_random.NextDouble() < 0.5 ? AnyPath() : DirPath());
        }
    }
}
