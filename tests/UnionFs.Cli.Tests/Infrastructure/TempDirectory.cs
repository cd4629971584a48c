namespace UnionFs.Cli.Tests.Infrastructure;

/// <summary>A fresh directory under the system's temporary directory, removed on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "unionfs-cli-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The full path of <paramref name="relative"/> inside the directory.</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes <paramref name="data"/> to <paramref name="relative"/> and returns its full path.</summary>
    public string Write(string relative, byte[] data)
    {
        var path = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, data);
        return path;
    }

    /// <summary>Writes a text file (creating its directories) and returns its full path.</summary>
    public string WriteText(string relative, string text) => Write(relative, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Creates a directory (and its parents) and returns its full path.</summary>
    public string CreateDirectory(string relative) => Directory.CreateDirectory(this[relative]).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temporary directory is harmless
        }
    }
}
