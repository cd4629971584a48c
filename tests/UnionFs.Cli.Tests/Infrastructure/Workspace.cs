using System.IO.Abstractions;

namespace UnionFs.Cli.Tests.Infrastructure;

/// <summary>
/// Two lower directories and an upper directory on disk (OCI whiteout format), changed through the library the
/// way a container would change them, for the commands that need --upper.
/// </summary>
public sealed class Workspace : IDisposable
{
    private readonly TempDirectory _temp = new();

    public Workspace()
    {
        Lower = _temp.CreateDirectory("lower");
        Base = _temp.CreateDirectory("base");
        Upper = _temp.CreateDirectory("upper");
        _temp.WriteText("base/etc/hosts", "127.0.0.1 localhost\n");
        _temp.WriteText("base/etc/passwd", "root:x:0:0\n");
        _temp.WriteText("base/var/log/a.log", "a");
        _temp.WriteText("base/var/log/b.log", "b");
        _temp.WriteText("base/opt/x", "x");
        _temp.WriteText("lower/etc/motd", "hello\n");
        _temp.WriteText("lower/etc/.wh.passwd", "");
    }

    /// <summary>The topmost lower directory (it whites out /etc/passwd of <see cref="Base"/>).</summary>
    public string Lower { get; }

    /// <summary>The bottom lower directory.</summary>
    public string Base { get; }

    /// <summary>The upper directory.</summary>
    public string Upper { get; }

    /// <summary>Arguments naming the layers: --upper, then both lowers topmost first.</summary>
    public string[] Layers => ["--upper", Upper, "--lower", Lower, "--lower", Base];

    /// <summary>The arguments of a command followed by <see cref="Layers"/>.</summary>
    public string[] With(params string[] args) => [.. args, .. Layers];

    /// <summary>The full path of a file in the workspace's temporary directory.</summary>
    public string this[string relative] => _temp[relative];

    /// <summary>Changes the union as a container would: every change lands in <see cref="Upper"/>.</summary>
    public Workspace Change(Action<IFileSystem> change)
    {
        var disk = new FileSystem();
        var fs = new UnionFileSystem(new DirectoryBranch(disk, Upper), new DirectoryBranch(disk, Lower), new DirectoryBranch(disk, Base));
        change(fs);
        return this;
    }

    /// <summary>The usual set of changes: modify, delete a file, add, delete a directory tree, add a tree.</summary>
    public Workspace Standard() => Change(fs =>
    {
        fs.File.AppendAllText("/etc/hosts", "::1 localhost\n");
        fs.File.Delete("/etc/motd");
        fs.File.WriteAllText("/etc/new.conf", "new");
        fs.Directory.Delete("/var/log", recursive: true);
        fs.Directory.CreateDirectory("/srv/www");
        fs.File.WriteAllText("/srv/www/index.html", "<h1>hi</h1>");
    });

    public void Dispose() => _temp.Dispose();
}
