using System.Formats.Tar;

namespace UnionFs.Images.Tar;

/// <summary>
/// One entry as <see cref="TarIndex"/> takes it: read from a tar header, or from a layer's table of contents
/// (where <see cref="DataOffset"/> is in the coordinates of the source the branch reads from).
/// </summary>
/// <param name="Name">The entry name as written (<c>./</c> prefixes and trailing slashes allowed).</param>
/// <param name="Type">The tar entry type.</param>
/// <param name="DataOffset">Where a regular file's data starts.</param>
/// <param name="Length">A regular file's size.</param>
/// <param name="Mode">Permission bits (and set-id, sticky).</param>
/// <param name="ModificationTimeUtc">The modification time.</param>
/// <param name="LinkName">A link's target.</param>
internal readonly record struct IndexedEntry(
    string Name, TarEntryType Type, long DataOffset, long Length, UnixFileMode Mode, DateTime ModificationTimeUtc, string? LinkName);
