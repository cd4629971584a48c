using Zio;

namespace UnionFs.Zio;

/// <summary>Confinement: how a branch path becomes a Zio path under the root, and which names cannot be stored.</summary>
public sealed partial class ZioBranch
{
    /// <summary>
    /// Maps a normalised branch path under the root. False for anything Zio would read differently from the branch:
    /// a <c>\</c> (a separator to Zio), a control character, or a path that Zio's normalisation would change (which is
    /// how a name could otherwise climb out of the root).
    /// </summary>
    private bool TryZioPath(string path, out UPath zio)
    {
        ArgumentNullException.ThrowIfNull(path);
        zio = default;
        if (path.Length == 0 || path[0] != '/' || path.Contains("//", StringComparison.Ordinal)
            || path.Contains("/./", StringComparison.Ordinal) || path.Contains("/../", StringComparison.Ordinal)
            || path.EndsWith("/..", StringComparison.Ordinal) || path.EndsWith("/.", StringComparison.Ordinal))
            throw new ArgumentException($"'{path}' is not a normalised branch path.", nameof(path));
        if (path.Length == 1)
        {
            zio = Root;
            return true;
        }
        foreach (var c in path)
            if (c == '\\' || char.IsControl(c)) return false;
        var expected = Root == UPath.Root ? path : Root.FullName + path;
        var combined = Root / new UPath(path[1..]);
        if (!string.Equals(combined.FullName, expected, StringComparison.Ordinal) || !IsUnderRoot(combined)) return false;
        zio = combined;
        return true;
    }

    /// <summary>The Zio path of an entry to read; a name the branch cannot hold is not there.</summary>
    private UPath ExistingZioPath(string path) =>
        TryZioPath(path, out var zio) ? zio : throw new FileNotFoundException($"'{path}' does not exist in the branch.", path);

    /// <summary>The Zio path of an entry to change, reserved names included (whiteouts and removals).</summary>
    private UPath ZioPathForChange(string path)
    {
        ThrowIfReadOnly(path);
        return TryZioPath(path, out var zio) && path.Length > 1 ? zio : throw Invalid(path);
    }

    /// <summary>The Zio path of an entry to create or change: names starting <c>.wh.</c> are the format's own.</summary>
    private UPath WritableZioPath(string path)
    {
        var zio = ZioPathForChange(path);
        var name = BranchPath.GetName(path);
        if (IsHiddenName(name))
            throw new IOException($"The name '{name}' is reserved for union markers in an OCI-format branch and cannot be stored.");
        return zio;
    }

    /// <summary>The OCI whiteout beside <paramref name="zio"/> (<c>.wh.name</c> in the same directory).</summary>
    private bool TryWhiteoutBeside(UPath zio, out UPath beside)
    {
        beside = default;
        if (zio == Root) return false;
        beside = zio.GetDirectory() / (OciMarkers.WhiteoutPrefix + zio.GetName());
        return true;
    }

    private bool IsUnderRoot(UPath zio) => zio == Root || zio.IsInDirectory(Root, recursive: true);

    private static bool IsHiddenName(string name) => name.StartsWith(OciMarkers.WhiteoutPrefix, StringComparison.Ordinal);

    /// <summary>A name Zio cannot hold as the branch means it: EINVAL, naming the branch path.</summary>
    private static IOException Invalid(string path) =>
        new($"'{path}' cannot be stored in a Zio branch: Zio reads '\\' as a separator and refuses control characters.", EINVAL);
}
