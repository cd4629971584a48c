namespace UnionFs.Engine;

/// <summary>
/// Something that keeps state by union path and must follow every name the union removes or moves, whether or not
/// anyone watches: the share locks, which belong to files and not to names. Told synchronously, under the union's write
/// lock, after the change.
/// </summary>
internal interface INameFollower
{
    /// <summary>The name <paramref name="path"/> went away (and, for a directory, every name below it).</summary>
    void Removed(string path, bool isDirectory);

    /// <summary>
    /// The name <paramref name="oldPath"/> moved to <paramref name="newPath"/> (and, for a directory, every name below
    /// it); whatever had the name <paramref name="newPath"/> before lost it.
    /// </summary>
    void Moved(string oldPath, string newPath, bool isDirectory);

    /// <summary>The file at <paramref name="existingPath"/> took the further name <paramref name="newPath"/> (link(2)).</summary>
    void Linked(string existingPath, string newPath);
}
