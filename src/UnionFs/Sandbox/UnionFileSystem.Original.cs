using System.Text;
using UnionFs.Engine;
using UnionFs.Sandbox;

namespace UnionFs;

/// <summary>Review: the lowers-only view, what a changed path held before the union changed it.</summary>
public sealed partial class UnionFileSystem
{
    /// <summary>
    /// What the lower branches alone show at <paramref name="path"/>, the state before any change: a file, a
    /// directory, a symbolic link, or null when they show nothing there (the path was added). Symbolic links are
    /// not followed, on the way or at the end: paths are the ones <see cref="GetChanges"/> reports.
    /// </summary>
    /// <param name="path">A union path.</param>
    public EntryKind? GetOriginalKind(string path) => LowerView.Find(Engine, Full(path)).Entry?.Kind;

    /// <summary>
    /// Opens, for reading, the file the lower branches alone show at <paramref name="path"/>: the old content of a
    /// changed or deleted file. Symbolic links are not followed.
    /// </summary>
    /// <param name="path">A union path.</param>
    /// <returns>A read-only stream over the lowers' file.</returns>
    /// <exception cref="FileNotFoundException">The lowers show no file there (the path was added, or is a directory or link).</exception>
    public Stream OpenOriginal(string path)
    {
        var full = Full(path);
        var found = LowerView.Find(Engine, full);
        if (found.Entry?.Kind != EntryKind.File) throw UnionErrors.FileNotFound(full);
        return LowerView.OpenRead(Engine, found);
    }

    /// <summary>Reads the text of the file the lower branches alone show at <paramref name="path"/> (UTF-8 unless a byte order mark says otherwise).</summary>
    /// <param name="path">A union path.</param>
    /// <exception cref="FileNotFoundException">The lowers show no file there.</exception>
    public string ReadOriginalText(string path)
    {
        using var reader = new StreamReader(OpenOriginal(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
