using ZioFileSystem = Zio.IFileSystem;

namespace UnionFs.Zio;

/// <summary>Zio views of a union.</summary>
public static class UnionZioExtensions
{
    /// <summary>
    /// A Zio file system over <paramref name="union"/>: every member keeps Zio's own semantics as its
    /// <c>MemoryFileSystem</c> shows them (paths as absolute <see cref="global::Zio.UPath"/>, its exceptions, its default
    /// times, its watcher), so code written against Zio runs on a union unchanged. Disposing it leaves the union open.
    /// </summary>
    /// <param name="union">The union to expose.</param>
    /// <returns>A Zio file system whose root is the union's root.</returns>
    public static ZioFileSystem AsZio(this UnionFileSystem union)
    {
        ArgumentNullException.ThrowIfNull(union);
        return new UnionZioFileSystem(union);
    }
}
