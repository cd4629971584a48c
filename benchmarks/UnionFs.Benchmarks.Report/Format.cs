using System.Globalization;

namespace UnionFs.Benchmarks.Report;

/// <summary>How the report prints times, sizes and ratios (invariant culture, units a reader expects).</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A time given in nanoseconds: <c>812.3 ns</c>, <c>12.41 µs</c>, <c>3.120 ms</c>, <c>1.204 s</c>.</summary>
    public static string Time(double nanoseconds) => nanoseconds switch
    {
        < 1_000 => nanoseconds.ToString("F1", Invariant) + " ns",
        < 1_000_000 => (nanoseconds / 1_000).ToString("F2", Invariant) + " µs",
        < 1_000_000_000 => (nanoseconds / 1_000_000).ToString("F3", Invariant) + " ms",
        _ => (nanoseconds / 1_000_000_000).ToString("F3", Invariant) + " s",
    };

    /// <summary>A byte count: <c>512 B</c>, <c>12.3 KiB</c>, <c>4.56 MiB</c> (and the exact figure for megabyte-sized targets).</summary>
    public static string Bytes(double bytes) => Math.Abs(bytes) switch
    {
        < 1024 => bytes.ToString("F0", Invariant) + " B",
        < 1024 * 1024 => (bytes / 1024).ToString("F1", Invariant) + " KiB",
        _ => (bytes / (1024 * 1024)).ToString("F2", Invariant) + $" MiB ({(bytes / 1_000_000).ToString("F2", Invariant)} MB)",
    };

    /// <summary>A ratio: <c>1.23x</c>, <c>0.0040x</c> for small ones.</summary>
    public static string Ratio(double ratio) => ratio switch
    {
        < 0.01 => ratio.ToString("F4", Invariant) + "x",
        < 100 => ratio.ToString("F2", Invariant) + "x",
        _ => ratio.ToString("F0", Invariant) + "x",
    };

    /// <summary>A plain number with up to three significant digits before the point.</summary>
    public static string Number(double value) => value < 100 ? value.ToString("F1", Invariant) : value.ToString("N0", Invariant);
}
