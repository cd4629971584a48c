using System.Globalization;
using System.Text;

namespace UnionFs.Kernel.Tests.Infrastructure;

/// <summary>What one entry of a lower layer is.</summary>
public enum LayerEntryKind
{
    File,
    Directory,
    OpaqueDirectory,
    SymbolicLink,
    Whiteout,
}

/// <summary>One entry of a lower layer: a path from the layer root, its kind, and the file text or link target.</summary>
public sealed record LayerEntry(string Path, LayerEntryKind Kind, string? Text = null)
{
    public override string ToString() => Kind switch
    {
        LayerEntryKind.File => $".File({Code.Str(Path)}, {Code.Str(Text!)})",
        LayerEntryKind.Directory => $".Dir({Code.Str(Path)})",
        LayerEntryKind.OpaqueDirectory => $".Opaque({Code.Str(Path)})",
        LayerEntryKind.SymbolicLink => $".Link({Code.Str(Path)}, {Code.Str(Text!)})",
        _ => $".Whiteout({Code.Str(Path)})",
    };
}

/// <summary>
/// A lower layer as a list of entries; missing parent directories are made as plain directories. Immutable:
/// every builder method returns a new layer, so a scenario can be shrunk by dropping entries.
/// </summary>
public sealed class Lower
{
    public Lower()
        : this([])
    {
    }

    private Lower(IReadOnlyList<LayerEntry> entries) => Entries = entries;

    public IReadOnlyList<LayerEntry> Entries { get; }

    public Lower File(string path, string text) => With(new LayerEntry(path, LayerEntryKind.File, text));

    public Lower Dir(string path) => With(new LayerEntry(path, LayerEntryKind.Directory));

    /// <summary>A directory that hides the same directory in the layers below (kernel: trusted.overlay.opaque=y; OCI: .wh..wh..opq).</summary>
    public Lower Opaque(string path) => With(new LayerEntry(path, LayerEntryKind.OpaqueDirectory));

    public Lower Link(string path, string target) => With(new LayerEntry(path, LayerEntryKind.SymbolicLink, target));

    /// <summary>Hides the name in the layers below (kernel: character device 0/0; OCI: .wh.name).</summary>
    public Lower Whiteout(string path) => With(new LayerEntry(path, LayerEntryKind.Whiteout));

    public Lower WithoutEntry(int index) => new([.. Entries.Take(index), .. Entries.Skip(index + 1)]);

    public override string ToString()
    {
        var text = new StringBuilder("new Lower()");
        foreach (var entry in Entries) text.Append(entry);
        return text.ToString();
    }

    private Lower With(LayerEntry entry) => new([.. Entries, entry]);
}

/// <summary>The lower layers of a scenario, topmost first (like <c>lowerdir=l1:l2</c>).</summary>
public sealed class LayerSet
{
    public LayerSet(params Lower[] lowers)
    {
        if (lowers.Length is < 1 or > 8) throw new ArgumentException("1 to 8 lower layers.", nameof(lowers));
        Lowers = lowers;
    }

    public IReadOnlyList<Lower> Lowers { get; }

    public LayerSet WithLower(int index, Lower lower) => new([.. Lowers.Select((l, i) => i == index ? lower : l)]);

    public LayerSet WithoutLower(int index) => new([.. Lowers.Where((_, i) => i != index)]);

    public override string ToString() =>
        "new LayerSet(\n        " + string.Join(",\n        ", Lowers.Select(l => l.ToString())) + ")";

    /// <summary>
    /// The same layers without whiteouts that lie outside a merged directory. overlayfs gives whiteouts meaning
    /// only "in the upper level of a merged directory"; in a directory that merges with nothing below, the
    /// kernel passes readdir through and lists the whiteout's name (while lookup hides it), so such a layer
    /// is malformed input rather than a behaviour to compare. Random layers and shrunk layers are sanitised.
    /// </summary>
    public LayerSet Sanitized()
    {
        var kinds = Lowers.Select(KindsByPath).ToArray();
        var mergedAt = new HashSet<(int Layer, string Directory)>();
        Visit("", [.. Enumerable.Range(0, Lowers.Count)]);
        var result = this;
        for (var layer = Lowers.Count - 1; layer >= 0; layer--)
        {
            var lower = Lowers[layer];
            for (var i = lower.Entries.Count - 1; i >= 0; i--)
            {
                var entry = lower.Entries[i];
                if (entry.Kind == LayerEntryKind.Whiteout && !mergedAt.Contains((layer, Parent(entry.Path))))
                    lower = lower.WithoutEntry(i);
            }
            if (!ReferenceEquals(lower, Lowers[layer])) result = result.WithLower(layer, lower);
        }
        return result;

        // Walks the merged directories top-down; stack = the layers that make up the directory, topmost first.
        void Visit(string directory, int[] stack)
        {
            for (var i = 0; i < stack.Length - 1; i++) mergedAt.Add((stack[i], directory));
            var names = stack.SelectMany(l => kinds[l].Keys.Where(p => Parent(p) == directory)).Distinct().Order(StringComparer.Ordinal);
            foreach (var path in names)
            {
                var childStack = new List<int>();
                foreach (var l in stack)
                {
                    if (!kinds[l].TryGetValue(path, out var kind)) continue;
                    if (kind is LayerEntryKind.Directory or LayerEntryKind.OpaqueDirectory)
                    {
                        childStack.Add(l);
                        if (kind == LayerEntryKind.OpaqueDirectory) break;
                    }
                    else
                    {
                        break;
                    }
                }
                if (childStack.Count > 0) Visit(path, [.. childStack]);
            }
        }
    }

    private static string Parent(string path) => path[..path.LastIndexOf('/')];

    /// <summary>Every path of a layer with its kind, implicit parent directories included.</summary>
    private static Dictionary<string, LayerEntryKind> KindsByPath(Lower lower)
    {
        var kinds = new Dictionary<string, LayerEntryKind>(StringComparer.Ordinal);
        foreach (var entry in lower.Entries)
        {
            kinds[entry.Path] = entry.Kind;
            for (var parent = Parent(entry.Path); parent.Length > 0; parent = Parent(parent))
                kinds.TryAdd(parent, LayerEntryKind.Directory);
        }
        return kinds;
    }

    /// <summary>Writes layer <paramref name="index"/> into <paramref name="root"/> with kernel overlayfs markers.</summary>
    public void WriteKernelLayer(int index, string root) => Write(Lowers[index], root, kernelFormat: true);

    /// <summary>Writes layer <paramref name="index"/> into <paramref name="root"/> with OCI markers (what DirectoryBranch reads).</summary>
    public void WriteOciLayer(int index, string root) => Write(Lowers[index], root, kernelFormat: false);

    private const UnixFileMode FileMode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode DirectoryMode755 = FileMode644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private static void Write(Lower lower, string root, bool kernelFormat)
    {
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, DirectoryMode755);
        // Parents first, whatever order the entries were declared in.
        var ordered = lower.Entries.Select((entry, i) => (entry, i))
            .OrderBy(x => x.entry.Path.Count(c => c == '/'))
            .ThenBy(x => x.i)
            .Select(x => x.entry);
        foreach (var entry in ordered)
        {
            var host = root + entry.Path;
            EnsureParents(root, entry.Path);
            switch (entry.Kind)
            {
                case LayerEntryKind.File:
                    File.WriteAllText(host, entry.Text);
                    File.SetUnixFileMode(host, FileMode644);
                    break;
                case LayerEntryKind.Directory:
                    MakeDirectory(host);
                    break;
                case LayerEntryKind.OpaqueDirectory:
                    MakeDirectory(host);
                    if (kernelFormat)
                    {
                        Native.SetXattr(host, "trusted.overlay.opaque", "y");
                    }
                    else
                    {
                        File.WriteAllBytes(Path.Join(host, ".wh..wh..opq"), []);
                        File.SetUnixFileMode(Path.Join(host, ".wh..wh..opq"), FileMode644);
                    }
                    break;
                case LayerEntryKind.SymbolicLink:
                    File.CreateSymbolicLink(host, entry.Text!);
                    break;
                case LayerEntryKind.Whiteout:
                    if (kernelFormat)
                    {
                        Native.MakeWhiteout(host);
                    }
                    else
                    {
                        var marker = Path.Join(Path.GetDirectoryName(host)!, ".wh." + Path.GetFileName(host));
                        File.WriteAllBytes(marker, []);
                        File.SetUnixFileMode(marker, FileMode644);
                    }
                    break;
                default:
                    throw new InvalidOperationException(entry.Kind.ToString());
            }
        }
    }

    private static void EnsureParents(string root, string path)
    {
        var parent = root;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length - 1; i++)
        {
            parent = parent + "/" + segments[i];
            if (!Directory.Exists(parent)) MakeDirectory(parent);
        }
    }

    private static void MakeDirectory(string host)
    {
        if (Directory.Exists(host)) return;
        Directory.CreateDirectory(host);
        File.SetUnixFileMode(host, DirectoryMode755);
    }
}

/// <summary>C# literals for repro code.</summary>
internal static class Code
{
    public static string Str(string? value)
    {
        if (value is null) return "null";
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                _ when c < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }
}
