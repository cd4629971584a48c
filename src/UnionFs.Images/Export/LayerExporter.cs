using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using UnionFs.Images.Storage;
using UnionFs.Images.Tar;

namespace UnionFs.Images;

/// <summary>
/// Writes a union's changes (its upper branch) as an OCI layer tar: whiteouts become <c>.wh.&lt;name&gt;</c>
/// entries, opaque directories get a <c>.wh..wh..opq</c> marker, and a directory renamed from a lower branch
/// (a redirect, which OCI layers cannot express) is written materialised: the directory with its whole
/// merged contents, read through the union, plus an opaque marker. Importing the layer on top of the same
/// lowers gives the same merged tree.
/// </summary>
/// <remarks>
/// The output is deterministic: entries in depth-first order with names sorted ordinally, owner 0:0 without
/// names, USTAR headers where name, link target, size and time fit (PAX otherwise), and with
/// <see cref="LayerExportOptions.Timestamp"/> a fixed time for every entry.
/// </remarks>
public static class LayerExporter
{
    /// <summary>Writes the changes of <paramref name="fs"/> (its upper branch) as a layer tar to <paramref name="output"/>.</summary>
    /// <param name="fs">A union with an upper branch.</param>
    /// <param name="output">Where the tar goes; left open.</param>
    /// <param name="options">Compression and timestamps; <see cref="LayerExportOptions.Default"/> when null.</param>
    /// <returns>The digests and sizes of what was written.</returns>
    /// <exception cref="ArgumentException"><paramref name="fs"/> is read-only (it has no upper branch).</exception>
    public static LayerExportResult Export(UnionFileSystem fs, Stream output, LayerExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fs);
        var upper = fs.Upper ?? throw new ArgumentException("A read-only union has no changes to export.", nameof(fs));
        return Export(upper, fs, output, options);
    }

    /// <summary>
    /// Writes <paramref name="branch"/> as a layer tar. <paramref name="view"/> is the merged view whose top
    /// branch is <paramref name="branch"/>; redirected directories are read through it.
    /// </summary>
    internal static LayerExportResult Export(IBranch branch, UnionFileSystem view, Stream output, LayerExportOptions? options)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= LayerExportOptions.Default;
        using var compressed = new HashingStream(output, leaveOpen: true);
        Stream? compressor = null;
        int count;
        string diffId;
        long uncompressedSize;
        try
        {
            compressor = options.Compression switch
            {
                LayerCompression.None => null,
                LayerCompression.Gzip => new GZipStream(compressed, options.GzipLevel, leaveOpen: true),
                LayerCompression.Zstd => new ZstdSharp.CompressionStream(compressed, options.ZstdLevel, leaveOpen: true),
                _ => throw new ArgumentOutOfRangeException(nameof(options), "Unknown compression."),
            };
            using (var uncompressed = new HashingStream(compressor ?? compressed, leaveOpen: true))
            {
                using (var writer = new TarWriter(uncompressed, TarEntryFormat.Pax, leaveOpen: true))
                {
                    var walker = new Walker(branch, view, writer, options.Timestamp);
                    walker.Root();
                    count = walker.Count;
                }
                diffId = uncompressed.Digest();
                uncompressedSize = uncompressed.Count;
            }
        }
        finally
        {
            compressor?.Dispose();
        }
        compressed.Flush();
        var digest = compressed.Digest();
        return new LayerExportResult(diffId, digest, compressed.Count, uncompressedSize, MediaTypes.ForLayer(options.Compression), count);
    }

    private sealed class Walker(IBranch branch, UnionFileSystem view, TarWriter writer, DateTime? timestamp)
    {
        private const UnixFileMode SymbolicLinkMode = (UnixFileMode)0x1FF;
        private static readonly long MaxUstarSize = 8L * 1024 * 1024 * 1024 - 1;
        private static readonly DateTimeOffset MaxUstarTime = DateTimeOffset.FromUnixTimeSeconds(8L * 1024 * 1024 * 1024 - 1);

        public int Count { get; private set; }

        public void Root()
        {
            var root = branch.Stat(BranchPath.Root);
            if (root?.IsOpaque == true) WriteMarker(string.Empty, TarIndex.OpaqueMarker);
            Directory(BranchPath.Root, string.Empty);
        }

        /// <summary>Writes the children of a branch directory (the directory's own entry is written by the caller).</summary>
        private void Directory(string path, string name)
        {
            var children = branch.List(path)
                .Select(e => (Entry: e, TarName: e.Kind == EntryKind.Whiteout ? TarIndex.WhiteoutPrefix + e.Name : e.Name))
                .OrderBy(c => c.TarName, StringComparer.Ordinal);
            foreach (var (entry, tarName) in children)
            {
                var childPath = BranchPath.Combine(path, entry.Name);
                var childName = name + tarName;
                switch (entry.Kind)
                {
                    case EntryKind.Whiteout:
                        WriteMarker(name, tarName);
                        break;
                    case EntryKind.File:
                        using (var data = branch.OpenRead(childPath)) WriteFile(childName, entry.UnixMode, entry.LastWriteTimeUtc, data);
                        break;
                    case EntryKind.SymbolicLink:
                        WriteLink(childName, entry.LinkTarget ?? string.Empty, entry.LastWriteTimeUtc);
                        break;
                    case EntryKind.Directory when entry.Redirect is not null:
                        WriteDirectory(childName + "/", entry.UnixMode, entry.LastWriteTimeUtc);
                        WriteMarker(childName + "/", TarIndex.OpaqueMarker);
                        Materialise(childPath, childName + "/");
                        break;
                    case EntryKind.Directory:
                        WriteDirectory(childName + "/", entry.UnixMode, entry.LastWriteTimeUtc);
                        if (entry.IsOpaque) WriteMarker(childName + "/", TarIndex.OpaqueMarker);
                        Directory(childPath, childName + "/");
                        break;
                }
            }
        }

        /// <summary>Writes the merged contents of a union directory, as the union shows them.</summary>
        private void Materialise(string path, string name)
        {
            var infos = view.DirectoryInfo.New(path).EnumerateFileSystemInfos()
                .OrderBy(i => i.Name, StringComparer.Ordinal);
            foreach (var info in infos)
            {
                var childPath = BranchPath.Combine(path, info.Name);
                var childName = name + info.Name;
                if (info.LinkTarget is { } target)
                {
                    WriteLink(childName, target, info.LastWriteTimeUtc);
                }
                else if ((info.Attributes & FileAttributes.Directory) != 0)
                {
                    WriteDirectory(childName + "/", info.UnixFileMode, info.LastWriteTimeUtc);
                    Materialise(childPath, childName + "/");
                }
                else
                {
                    using var data = view.File.OpenRead(childPath);
                    WriteFile(childName, info.UnixFileMode, info.LastWriteTimeUtc, data);
                }
            }
        }

        private void WriteMarker(string directoryName, string markerName) =>
            Write(TarEntryType.RegularFile, directoryName + markerName, 0, DateTime.UnixEpoch, null, null);

        private void WriteDirectory(string name, UnixFileMode mode, DateTime time) =>
            Write(TarEntryType.Directory, name, mode, time, null, null);

        private void WriteLink(string name, string target, DateTime time) =>
            Write(TarEntryType.SymbolicLink, name, SymbolicLinkMode, time, target, null);

        private void WriteFile(string name, UnixFileMode mode, DateTime time, Stream data)
        {
            if (!data.CanSeek)
            {
                var copy = new MemoryStream();
                data.CopyTo(copy);
                copy.Position = 0;
                data = copy;
            }
            Write(TarEntryType.RegularFile, name, mode, time, null, data);
        }

        private void Write(TarEntryType type, string name, UnixFileMode mode, DateTime time, string? linkName, Stream? data)
        {
            var when = new DateTimeOffset(DateTime.SpecifyKind(timestamp ?? time, DateTimeKind.Utc));
            var size = data?.Length ?? 0;
            var ustar = FitsUstar(name, linkName, size, when);
            if (ustar)
            {
                try
                {
                    writer.WriteEntry(Entry(new UstarTarEntry(type, name), mode, DateTimeOffset.FromUnixTimeSeconds(when.ToUnixTimeSeconds()), linkName, data));
                    Count++;
                    return;
                }
                catch (ArgumentException)
                {
                    // TarWriter found no prefix/name split it likes: PAX holds any name. Nothing was written yet.
                    if (data is not null) data.Position = 0;
                }
            }
            writer.WriteEntry(Entry(new PaxTarEntry(type, name), mode, when, linkName, data));
            Count++;
        }

        private static TarEntry Entry(TarEntry entry, UnixFileMode mode, DateTimeOffset time, string? linkName, Stream? data)
        {
            entry.Mode = mode & (UnixFileMode)0xFFF;
            entry.ModificationTime = time;
            entry.Uid = 0;
            entry.Gid = 0;
            if (linkName is not null) entry.LinkName = linkName;
            if (data is not null) entry.DataStream = data;
            return entry;
        }

        /// <summary>True when a USTAR header holds the entry exactly (ASCII names that fit name/prefix, size, time).</summary>
        private static bool FitsUstar(string name, string? linkName, long size, DateTimeOffset time)
        {
            if (size > MaxUstarSize || time < DateTimeOffset.UnixEpoch || time > MaxUstarTime) return false;
            if (!Ascii.IsValid(name) || (linkName is not null && (!Ascii.IsValid(linkName) || linkName.Length > 100))) return false;
            if (name.Length <= 100) return true;
            // Split into prefix (at most 155) and name (at most 100) at a '/'.
            var trimmed = name.TrimEnd('/');
            for (var slash = trimmed.IndexOf('/'); slash >= 0; slash = trimmed.IndexOf('/', slash + 1))
            {
                if (slash > 155) break;
                if (name.Length - slash - 1 <= 100) return true;
            }
            return false;
        }
    }
}
