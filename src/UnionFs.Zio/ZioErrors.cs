using Zio;

namespace UnionFs.Zio;

/// <summary>The exceptions Zio's file systems throw, with Zio's messages (paths in back-quotes).</summary>
internal static class ZioErrors
{
    public static FileNotFoundException FileNotFound(UPath path) => new($"Could not find file `{path}`.", path.FullName);

    public static DirectoryNotFoundException DirectoryNotFound(UPath path) => new($"Could not find a part of the path `{path}`.");

    public static IOException NotFound(UPath path) => new($"The file or directory `{path}` was not found");
}
