using System.Security.Cryptography;
using System.Text;

namespace UnionFs.Images.Storage.Cache;

/// <summary>
/// A local, content-addressed cache of layer indexes (<see cref="LayerIndexEntry"/>), one file per blob digest under
/// <c>&lt;directory&gt;/layers/sha256/&lt;hex&gt;.idx</c>, plus small files under <c>files/</c> that map a layer file
/// (path, length, modification time) to its digest. Safe across processes: a file is written to a temporary name in
/// the same directory and renamed into place, so readers see a whole file or none; a damaged or old-version file is
/// ignored (and rebuilt by the caller). After each write the least recently used entries go until the cache is within
/// its size limit. Every failure of the cache itself is swallowed: the cache only ever saves work.
/// </summary>
internal sealed class LayerIndexCache
{
    private const string Extension = ".idx";

    private LayerIndexCache(string directory, long maxSize)
    {
        Directory = directory;
        MaxSize = maxSize;
    }

    /// <summary>The cache's root directory.</summary>
    public string Directory { get; }

    /// <summary>The size limit of the cache's files, in bytes.</summary>
    public long MaxSize { get; }

    private string LayersDirectory => Path.Combine(Directory, "layers", "sha256");

    private string FilesDirectory => Path.Combine(Directory, "files");

    /// <summary>The cache <paramref name="options"/> ask for; null when it is turned off (by the options or <c>UNIONFS_CACHE</c>).</summary>
    public static LayerIndexCache? For(LayerOpenOptions options)
    {
        if (!options.UseIndexCache || !LayerIndexCacheLocation.EnabledByEnvironment()) return null;
        return new LayerIndexCache(LayerIndexCacheLocation.Resolve(options.IndexCacheDirectory), options.MaxIndexCacheSize);
    }

    /// <summary>The path of the entry for <paramref name="digest"/>; null for a digest that is not a sha256 one.</summary>
    public string? EntryPath(string digest) => Digests.TryParse(digest, out var hex) ? Path.Combine(LayersDirectory, hex + Extension) : null;

    /// <summary>The entry for <paramref name="digest"/>, or null when there is none (or only a damaged one).</summary>
    public LayerIndexEntry? TryLoad(string digest, string layer)
    {
        if (EntryPath(digest) is not { } path) return null;
        try
        {
            var bytes = File.ReadAllBytes(path);
            var entry = LayerIndexEntrySerializer.Read(bytes, layer);
            if (entry.Digest != digest) return null;
            Touch(path);
            return entry;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="entry"/> (whose digest the caller has verified), then trims the cache to its limit.</summary>
    public void Store(LayerIndexEntry entry)
    {
        if (EntryPath(entry.Digest) is not { } path) return;
        WriteAtomically(path, LayerIndexEntrySerializer.Write(entry));
        Evict();
    }

    /// <summary>The digest remembered for the layer file at <paramref name="file"/>, if its length and time still match.</summary>
    public string? DigestOfFile(string file)
    {
        try
        {
            var info = new FileInfo(file);
            var lines = File.ReadAllText(FileRecord(info.FullName)).Split('\n');
            if (lines.Length < 4 || lines[0] != info.FullName || lines[1] != info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)
                || lines[2] != info.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)) return null;
            return Digests.TryParse(lines[3], out _) ? lines[3] : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Remembers that the layer file at <paramref name="file"/> (as it is now) has <paramref name="digest"/>.</summary>
    public void RememberFile(string file, string digest)
    {
        var info = new FileInfo(file);
        var text = string.Join('\n', info.FullName, info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            info.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), digest, string.Empty);
        WriteAtomically(FileRecord(info.FullName), Encoding.UTF8.GetBytes(text));
    }

    private string FileRecord(string fullPath) =>
        Path.Combine(FilesDirectory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullPath))) + ".ref");

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            // rename(2) replaces the target in one step: a reader sees the old file or the new one, never half of one.
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
        }
    }

    /// <summary>Deletes the least recently used entries (and stale temporary files) until the cache fits its limit.</summary>
    public void Evict()
    {
        try
        {
            var files = new DirectoryInfo(LayersDirectory).GetFiles();
            var now = DateTime.UtcNow;
            long total = 0;
            var entries = new List<FileInfo>();
            foreach (var file in files)
            {
                // A temporary file older than an hour belongs to a writer that died.
                if (file.Name.EndsWith(".tmp", StringComparison.Ordinal))
                {
                    if (now - file.LastWriteTimeUtc > TimeSpan.FromHours(1)) TryDelete(file.FullName);
                    continue;
                }
                if (!file.Name.EndsWith(Extension, StringComparison.Ordinal)) continue;
                entries.Add(file);
                total += file.Length;
            }
            if (total <= MaxSize) return;
            entries.Sort(static (a, b) => a.LastAccessTimeUtc.CompareTo(b.LastAccessTimeUtc));
            foreach (var file in entries)
            {
                if (total <= MaxSize) break;
                TryDelete(file.FullName);
                total -= file.Length;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another process may be evicting at the same time: whatever it removed is gone either way.
        }
    }

    /// <summary>Marks an entry as used now (file systems mounted noatime do not do it on read).</summary>
    private static void Touch(string path)
    {
        try
        {
            File.SetLastAccessTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
