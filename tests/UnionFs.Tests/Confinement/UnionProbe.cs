namespace UnionFs.Tests.Confinement;

/// <summary>
/// Runs every kind of union operation once with a hostile path and a hostile link target: lookups, reads, writes,
/// copies, moves, deletes, listings, link creation and following, the change list and a discard. Each operation
/// must succeed or throw a clear System.IO exception (an <see cref="IOException"/> of any kind,
/// <see cref="UnauthorizedAccessException"/> or <see cref="ArgumentException"/>) whose message names no host path
/// of the branch; the existence checks must not throw at all, as System.IO's never do.
/// </summary>
public sealed class UnionProbe(UnionFileSystem fs, string hostile, string linkTarget, string hostRoot)
{
    private static readonly DateTime SomeTime = new(2011, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly List<string> _failures = [];
    private volatile string _step = "(not started)";

    /// <summary>The operation running now (what a hang names).</summary>
    public string Step => _step;

    public IReadOnlyList<string> Failures => _failures;

    public void Run()
    {
        NeverThrows("File.Exists", () => fs.File.Exists(hostile));
        NeverThrows("Directory.Exists", () => fs.Directory.Exists(hostile));
        NeverThrows("Path.Exists", () => fs.Path.Exists(hostile));
        Try("FileInfo", () =>
        {
            var info = fs.FileInfo.New(hostile);
            _ = info.Exists;
            _ = info.Attributes;
            _ = info.LinkTarget;
            _ = info.LastWriteTimeUtc;
        });
        Try("File.GetAttributes", () => fs.File.GetAttributes(hostile));
        Try("File.ReadAllBytes", () => fs.File.ReadAllBytes(hostile));
        Try("File.ResolveLinkTarget", () => fs.File.ResolveLinkTarget(hostile, returnFinalTarget: true));
        Try("Directory.GetFileSystemEntries", () => fs.Directory.GetFileSystemEntries(hostile));
        Try("Directory.GetFileSystemEntries recursive", () => fs.Directory.GetFileSystemEntries(hostile, "*", SearchOption.AllDirectories));
        Try("File.WriteAllText", () => fs.File.WriteAllText(hostile, "written"));
        Try("File.AppendAllText", () => fs.File.AppendAllText(hostile, "appended"));
        Try("File.SetLastWriteTimeUtc", () => fs.File.SetLastWriteTimeUtc(hostile, SomeTime));
        Try("File.SetUnixFileMode", () => fs.File.SetUnixFileMode(hostile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead));
        Try("File.SetAttributes", () => fs.File.SetAttributes(hostile, FileAttributes.Normal));
        Try("Directory.CreateDirectory", () => fs.Directory.CreateDirectory(hostile + "/sub"));
        Try("File.Copy from", () => fs.File.Copy(hostile, "/copy-of-hostile", overwrite: true));
        Try("File.Copy to", () => fs.File.Copy("/file.txt", hostile, overwrite: true));
        if (Try("File.Move away", () => fs.File.Move(hostile, "/moved-hostile"))) Try("File.Move back", () => fs.File.Move("/moved-hostile", hostile));
        if (Try("Directory.Move away", () => fs.Directory.Move(hostile, "/moved-hostile-dir"))) Try("Directory.Move back", () => fs.Directory.Move("/moved-hostile-dir", hostile));
        if (Try("File.CreateSymbolicLink to hostile", () => fs.File.CreateSymbolicLink("/link-to-hostile", linkTarget)))
        {
            Try("read through link", () => fs.File.ReadAllText("/link-to-hostile"));
            Try("list through link", () => fs.Directory.GetFileSystemEntries("/link-to-hostile"));
            Try("write through link", () => fs.File.WriteAllText("/link-to-hostile", "through the link"));
            Try("append through link", () => fs.File.AppendAllText("/link-to-hostile", "+"));
            Try("chmod through link", () => fs.File.SetUnixFileMode("/link-to-hostile", UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Try("touch link", () => fs.File.SetLastWriteTimeUtc("/link-to-hostile", SomeTime));
            Try("move link", () => fs.File.Move("/link-to-hostile", "/dir/link-moved"));
        }
        Try("File.CreateSymbolicLink at hostile", () => fs.File.CreateSymbolicLink(hostile, "/file.txt"));
        if (Try("Directory.Move merged dir", () => fs.Directory.Move("/dir", "/dir-moved"))) Try("Directory.Move merged dir back", () => fs.Directory.Move("/dir-moved", "/dir"));
        Try("Directory.SetLastWriteTimeUtc", () => fs.Directory.SetLastWriteTimeUtc("/dir", SomeTime));
        Try("File.Delete", () => fs.File.Delete(hostile));
        Try("Directory.Delete", () => fs.Directory.Delete(hostile, recursive: true));
        Try("GetChanges", () => fs.GetChanges());
        Try("read every file", ReadEverything);
        Try("Discard", fs.Discard);
        Try("read every file after discard", ReadEverything);
    }

    private void ReadEverything()
    {
        foreach (var path in fs.Directory.EnumerateFiles("/", "*", SearchOption.AllDirectories))
        {
            try
            {
                fs.File.ReadAllBytes(path);
            }
            catch (Exception e) when (Allowed(e))
            {
                // A dangling link is listed and cannot be read: that is the answer System.IO gives too.
            }
        }
    }

    private void NeverThrows(string step, Action action)
    {
        _step = step;
        try
        {
            action();
        }
        catch (Exception e)
        {
            _failures.Add($"{step} threw {Describe(e)} (System.IO's never throws)");
        }
    }

    private bool Try(string step, Action action)
    {
        _step = step;
        try
        {
            action();
            return true;
        }
        catch (Exception e)
        {
            if (!Allowed(e)) _failures.Add($"{step} threw {Describe(e)}");
            else if (NamesHostPath(e)) _failures.Add($"{step}: the message names a host path: {Describe(e)}");
            return false;
        }
    }

    private static bool Allowed(Exception e) => e is IOException or UnauthorizedAccessException || e.GetType() == typeof(ArgumentException);

    private bool NamesHostPath(Exception e) =>
        !hostile.Contains(hostRoot, StringComparison.Ordinal) && !linkTarget.Contains(hostRoot, StringComparison.Ordinal)
        && e.Message.Contains(hostRoot, StringComparison.Ordinal);

    private static string Describe(Exception e)
    {
        var message = e.Message.Length > 300 ? e.Message[..300] + "..." : e.Message;
        return $"{e.GetType().Name} (0x{e.HResult:X}): {message}{(e is IOException or UnauthorizedAccessException or ArgumentException ? string.Empty : "\n" + e.StackTrace)}";
    }
}
