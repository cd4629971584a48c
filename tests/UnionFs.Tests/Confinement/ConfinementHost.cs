using System.Globalization;
using System.IO.Abstractions.TestingHelpers;

namespace UnionFs.Tests.Confinement;

/// <summary>
/// The host side of a confinement test: a sandbox directory holding the branch root (<c>root/</c>), a canary file
/// beside it (<c>canary.txt</c>) and a directory of things links may point at (<c>outside/</c>). The canary's
/// access time is set before its modification time, so (with relatime) any read of it through the host moves it.
/// </summary>
public sealed class ConfinementHost : IDisposable
{
    public const string CanaryText = "canary: never read, never written";

    private static readonly DateTime Planted = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    private ConfinementHost(HostKind kind, IFileSystem host, string sandbox)
    {
        Kind = kind;
        Host = host;
        Sandbox = sandbox;
        host.Directory.CreateDirectory(Root);
        host.Directory.CreateDirectory(Outside);
        host.File.WriteAllText(Canary, CanaryText);
        host.File.WriteAllText(host.Path.Combine(Outside, "secret.txt"), "secret");
        host.File.WriteAllText(host.Path.Combine(Outside, "evil.whiteout"), "/file.txt");
        foreach (var path in new[] { Canary, host.Path.Combine(Outside, "secret.txt"), host.Path.Combine(Outside, "evil.whiteout") })
        {
            host.File.SetLastWriteTimeUtc(path, Planted);
            host.File.SetLastAccessTimeUtc(path, Planted.AddDays(-1));
        }
        host.Directory.SetLastWriteTimeUtc(Outside, Planted);

        // What every branch root starts with.
        Planter = new Planter(host, Root, Sandbox);
        Planter.File("file.txt", "data");
        Planter.File("dir/inner.txt", "inner");
        Planter.Directory("dir/sub");
        Planter.Directory("lowdir");
        BeforeOutside = OutsideMetadata();
    }

    public HostKind Kind { get; }

    public IFileSystem Host { get; }

    public string Sandbox { get; }

    public string Root => Host.Path.Combine(Sandbox, "root");

    public string Canary => Host.Path.Combine(Sandbox, "canary.txt");

    public string Outside => Host.Path.Combine(Sandbox, "outside");

    public Planter Planter { get; }

    /// <summary>Every entry outside the root as it was before the test, without reading any file.</summary>
    public IReadOnlyList<string> BeforeOutside { get; }

    public static ConfinementHost Create(HostKind kind)
    {
        if (kind == HostKind.Mock) return new ConfinementHost(kind, new MockFileSystem(), "/sandbox");
        var sandbox = Path.Combine(Path.GetTempPath(), "unionfs-confine-" + Guid.NewGuid().ToString("N"));
        return new ConfinementHost(kind, new FileSystem(), sandbox);
    }

    /// <summary>
    /// Each entry of the sandbox outside the root: kind, link target, size, mode and times (the access time on the
    /// real disk only). Nothing is opened, so taking it changes nothing.
    /// </summary>
    public IReadOnlyList<string> OutsideMetadata()
    {
        var lines = new List<string>();
        // The root is left out: it may hold links and loops; outside/ holds none, so a plain recursive listing is safe.
        var entries = Host.Directory.EnumerateFileSystemEntries(Sandbox).Where(p => p != Root)
            .Concat(Host.Directory.EnumerateFileSystemEntries(Outside, "*", SearchOption.AllDirectories));
        foreach (var path in entries)
        {
            lines.Add(Describe(path, withAccessTime: Kind == HostKind.RealDisk && !Host.Directory.Exists(path)));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The canary's and the outside files' contents (read last: reading moves their access time).</summary>
    public IReadOnlyList<string> OutsideContents() =>
    [
        Host.File.ReadAllText(Canary),
        Host.File.ReadAllText(Host.Path.Combine(Outside, "secret.txt")),
        Host.File.ReadAllText(Host.Path.Combine(Outside, "evil.whiteout")),
    ];

    /// <summary>Every entry below the root, links described not followed, regular files with their content.</summary>
    public IReadOnlyList<string> RootTree()
    {
        var lines = new List<string>();
        var pending = new Stack<string>();
        pending.Push(Root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var path in Host.Directory.EnumerateFileSystemEntries(directory))
            {
                var info = Host.FileInfo.New(path);
                var line = Describe(path, withAccessTime: false);
                if (info.LinkTarget is null && (info.Attributes & FileAttributes.Directory) != 0) pending.Push(path);
                else if (info.LinkTarget is null) line += " data=" + Host.File.ReadAllText(path);
                lines.Add(line);
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private string Describe(string path, bool withAccessTime)
    {
        var info = Host.FileInfo.New(path);
        var kind = info.LinkTarget is { } target ? "link->" + target : (info.Attributes & FileAttributes.Directory) != 0 ? "dir" : "file len=" + Host.FileInfo.New(path).Length.ToString(CultureInfo.InvariantCulture);
        var line = $"{path[Sandbox.Length..]} {kind} mtime={info.LastWriteTimeUtc.Ticks}";
        if (info.LinkTarget is null) line += " mode=" + Convert.ToString((int)Host.File.GetUnixFileMode(path), 8);
        if (withAccessTime && info.LinkTarget is null) line += $" atime={info.LastAccessTimeUtc.Ticks}";
        return line;
    }

    public void Dispose()
    {
        if (Kind == HostKind.RealDisk && Directory.Exists(Sandbox)) Directory.Delete(Sandbox, recursive: true);
    }
}
