using System.Globalization;

namespace UnionFs.Kernel.Tests.Infrastructure;

/// <summary>
/// One of the two file systems of a scenario: the kernel mount (real System.IO under the mount point) or the
/// union (its own root). Operations are written with union paths ("/x/a"); <see cref="P"/> maps them.
/// </summary>
public sealed class Side
{
    public Side(string name, IFileSystem fileSystem, string prefix)
    {
        Name = name;
        Fs = fileSystem;
        Prefix = prefix;
    }

    public string Name { get; }

    public IFileSystem Fs { get; }

    /// <summary>The host path of the union root ("" for the union itself).</summary>
    public string Prefix { get; }

    /// <summary>The path this side uses for the union path <paramref name="path"/>.</summary>
    public string P(string path) => Prefix + path;

    /// <summary>A path this side returned, as a union path.</summary>
    public string Strip(string path)
    {
        if (Prefix.Length == 0) return path;
        if (path == Prefix) return "/";
        return path.StartsWith(Prefix + "/", StringComparison.Ordinal) ? path[Prefix.Length..] : "<outside>" + path;
    }
}

/// <summary>What one operation did: a result (null for none), or an exception's type and HResult.</summary>
public sealed record Outcome(string? Result, string? ExceptionType, int HResult, string? Message)
{
    public static Outcome Ok(string? result) => new(result, null, 0, null);

    public static Outcome Of(Exception exception) =>
        new(null, exception.GetType().FullName, exception.HResult, exception.Message);

    public bool Threw => ExceptionType is not null;

    /// <summary>The contract: the same result, or the same exception type and HResult (messages differ in the path prefix).</summary>
    public bool SameAs(Outcome other) =>
        Result == other.Result && ExceptionType == other.ExceptionType && HResult == other.HResult;

    /// <summary>Short form for grouping divergences: "ok" or "IOException/0x00000011".</summary>
    public string Brief => Threw
        ? $"{ExceptionType![(ExceptionType!.LastIndexOf('.') + 1)..]}/0x{HResult.ToString("X8", CultureInfo.InvariantCulture)}"
        : "ok";

    /// <summary>For reports: long results (listings through link loops) are cut; comparisons use the whole result.</summary>
    public override string ToString() => Threw
        ? $"{ExceptionType} (HResult 0x{HResult.ToString("X8", CultureInfo.InvariantCulture)}): {Message}"
        : Result is null ? "ok"
        : Result.Length <= 600 ? $"ok => {Result}"
        : $"ok => {Result[..300]} ... {Result[^200..]} ({Result.Length} characters)";
}
