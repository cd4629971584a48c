using System.Globalization;
using UnionFs.Cli.Inspection;

namespace UnionFs.Cli.Output;

/// <summary>Formatting shared by the human-readable outputs.</summary>
internal static class Text
{
    /// <summary>The type's word in output: <c>file</c>, <c>directory</c> or <c>symlink</c>.</summary>
    public static string TypeName(EntryType type) => type switch
    {
        EntryType.Directory => "directory",
        EntryType.SymbolicLink => "symlink",
        _ => "file",
    };

    /// <summary>A branch entry's kind in output: <c>file</c>, <c>directory</c>, <c>symlink</c> or <c>whiteout</c>.</summary>
    public static string KindName(EntryKind kind) => kind switch
    {
        EntryKind.Directory => "directory",
        EntryKind.SymbolicLink => "symlink",
        EntryKind.Whiteout => "whiteout",
        _ => "file",
    };

    /// <summary>A digest shortened for tables: <c>sha256:0123456789ab</c>; <c>-</c> for none.</summary>
    public static string ShortDigest(string? digest)
    {
        if (digest is null) return "-";
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        return digest.Length > colon + 13 ? digest[..(colon + 13)] : digest;
    }

    /// <summary>Rows of cells as left-aligned columns two spaces apart (the last column unpadded).</summary>
    public static void Table(TextWriter output, IReadOnlyList<string[]> rows)
    {
        if (rows.Count == 0) return;
        var widths = new int[rows.Max(r => r.Length)];
        foreach (var row in rows)
            for (var i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        foreach (var row in rows)
        {
            var line = new System.Text.StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0) line.Append("  ");
                line.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i]));
            }
            output.WriteLine(line.ToString().TrimEnd());
        }
    }

    /// <summary>An <c>ls -l</c> mode string: <c>drwxr-xr-x</c>, <c>-rw-r--r--</c>, <c>lrwxrwxrwx</c>, <c>drwxrwxrwt</c>.</summary>
    public static string ModeString(EntryType type, UnixFileMode mode)
    {
        Span<char> text = stackalloc char[10];
        text[0] = type switch { EntryType.Directory => 'd', EntryType.SymbolicLink => 'l', _ => '-' };
        Triplet(text[1..4], mode, UnixFileMode.UserRead, UnixFileMode.UserWrite, UnixFileMode.UserExecute, UnixFileMode.SetUser, 's');
        Triplet(text[4..7], mode, UnixFileMode.GroupRead, UnixFileMode.GroupWrite, UnixFileMode.GroupExecute, UnixFileMode.SetGroup, 's');
        Triplet(text[7..10], mode, UnixFileMode.OtherRead, UnixFileMode.OtherWrite, UnixFileMode.OtherExecute, UnixFileMode.StickyBit, 't');
        return new string(text);
    }

    /// <summary>The permission bits in octal: <c>0644</c>, <c>1777</c>.</summary>
    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0xFFF, 8).PadLeft(4, '0');

    /// <summary>A size for people: <c>512 B</c>, <c>4.9 KiB</c>, <c>12.3 MiB</c>.</summary>
    public static string Size(long bytes)
    {
        if (bytes < 1024) return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>A UTC time as ISO 8601 with seconds: <c>2024-01-02T03:04:05Z</c>.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A number in invariant culture.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Triplet(Span<char> text, UnixFileMode mode, UnixFileMode read, UnixFileMode write, UnixFileMode execute,
        UnixFileMode special, char specialChar)
    {
        text[0] = (mode & read) != 0 ? 'r' : '-';
        text[1] = (mode & write) != 0 ? 'w' : '-';
        var x = (mode & execute) != 0;
        text[2] = (mode & special) != 0 ? (x ? specialChar : char.ToUpperInvariant(specialChar)) : (x ? 'x' : '-');
    }
}
