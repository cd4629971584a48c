using System.Formats.Tar;
using UnionFs.Images.Storage;
using UnionFs.Images.Tar;

namespace UnionFs.Images.Toc;

/// <summary>
/// Turns table of contents entries into what a branch needs: index entries whose files lie one after another in a
/// virtual data space, and the chunks that map that space back to the compressed blob. The formats' own entries
/// (<c>stargz.index.json</c>, the prefetch landmarks) are dropped.
/// </summary>
internal sealed class TocLayout
{
    private static readonly HashSet<string> FormatEntries = new(StringComparer.Ordinal)
    {
        "stargz.index.json", ".prefetch.landmark", ".no.prefetch.landmark",
    };

    /// <summary>The formats' own entries, at the layer's root: the TOC's tar entry and the prefetch landmarks.</summary>
    public static IReadOnlyCollection<string> FormatEntryNames => FormatEntries;

    private readonly List<IndexedEntry> _entries = [];
    private readonly List<TocChunk> _chunks = [];

    private TocLayout()
    {
    }

    /// <summary>The entries for <see cref="TarIndex.FromEntries"/>.</summary>
    public IReadOnlyList<IndexedEntry> Entries => _entries;

    /// <summary>Every chunk with data, ordered by virtual offset, covering the virtual space without gaps.</summary>
    public TocChunk[] Chunks { get; private set; } = [];

    /// <summary>The size of the virtual data space (every regular file's bytes once).</summary>
    public long Length { get; private set; }

    /// <summary>
    /// The layout, or null when a file's chunk has no digest to check it by (such a layer is opened whole instead).
    /// Malformed chunk lists are an <see cref="InvalidImageException"/>.
    /// </summary>
    public static TocLayout? Build(IReadOnlyList<TocEntry> toc, TocLocation location, string layer)
    {
        var layout = new TocLayout();
        return layout.Add(toc, location, layer) ? layout : null;
    }

    private bool Add(IReadOnlyList<TocEntry> toc, TocLocation location, string layer)
    {
        var files = new List<(TocEntry File, List<TocEntry> Chunks, long Start)>();
        (TocEntry File, List<TocEntry> Chunks, long Start)? current = null;
        var skipped = (string?)null;
        long cursor = 0;
        foreach (var entry in toc)
        {
            if (entry.Type == "chunk")
            {
                if (entry.Name == skipped) continue;
                if (current is not { } file || file.File.Name != entry.Name)
                    throw new InvalidImageException(layer, entry.Name, "a chunk entry does not follow its file's entry in the table of contents.");
                file.Chunks.Add(entry);
                continue;
            }
            current = null;
            skipped = null;
            if (IsFormatEntry(entry.Name))
            {
                skipped = entry.Name;
                continue;
            }
            var type = TypeOf(entry, layer);
            var mode = (UnixFileMode)(entry.Mode & 0xFFF);
            if (type == TarEntryType.RegularFile)
            {
                if (entry.Size > long.MaxValue - cursor) throw new InvalidImageException(layer, entry.Name, "the file sizes overflow.");
                _entries.Add(new IndexedEntry(entry.Name, type, cursor, entry.Size, mode, entry.ModificationTimeUtc, null));
                if (entry.Size > 0)
                {
                    current = (entry, [entry], cursor);
                    files.Add(current.Value);
                }
                cursor += entry.Size;
            }
            else
            {
                _entries.Add(new IndexedEntry(entry.Name, type, 0, 0, mode, entry.ModificationTimeUtc, entry.LinkName));
            }
        }
        Length = cursor;
        var offsets = OffsetsOf(files);
        foreach (var (file, chunks, start) in files)
            if (!AddChunks(file, chunks, start, offsets, location, layer)) return false;
        Chunks = [.. _chunks];
        return true;
    }

    /// <summary>The chunks of one file, in file order, covering it exactly; each knows where its compressed bytes end.</summary>
    private bool AddChunks(TocEntry file, List<TocEntry> chunks, long start, long[] offsets, TocLocation location, string layer)
    {
        chunks.Sort(static (a, b) => a.ChunkOffset.CompareTo(b.ChunkOffset));
        long expected = 0;
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            var next = i + 1 < chunks.Count ? chunks[i + 1].ChunkOffset : file.Size;
            var size = chunk.ChunkSize > 0 ? chunk.ChunkSize : next - chunk.ChunkOffset;
            if (chunk.ChunkOffset != expected || size <= 0 || size > file.Size - chunk.ChunkOffset)
                throw new InvalidImageException(layer, file.Name, "the file's chunks do not cover its data exactly.");
            if (size > Array.MaxLength - 64) throw new InvalidImageException(layer, file.Name, $"a chunk of {size} bytes is too large.");
            expected += size;
            var zeros = chunk.ChunkType == "zeros";
            // A file of one chunk may carry its digest as the file's digest only.
            var digest = chunk.ChunkDigest ?? (chunks.Count == 1 ? file.Digest : null);
            if (!zeros && !Digests.TryParse(digest, out _)) return false;
            var end = chunk.EndOffset > 0 ? chunk.EndOffset : NextOffset(offsets, chunk.Offset, location.DataEnd);
            if (!zeros && (chunk.Offset >= location.DataEnd || end <= chunk.Offset || end > location.DataEnd))
                throw new InvalidImageException(layer, file.Name, $"a chunk's compressed bytes ({chunk.Offset}..{end}) lie outside the layer's data.");
            _chunks.Add(new TocChunk(file.Name, start + chunk.ChunkOffset, size, chunk.Offset, end, chunk.InnerOffset, digest ?? string.Empty, zeros));
        }
        if (expected != file.Size) throw new InvalidImageException(layer, file.Name, "the file's chunks do not cover its data exactly.");
        return true;
    }

    /// <summary>Every distinct compressed offset, sorted: a chunk's stream ends where the next one starts.</summary>
    private static long[] OffsetsOf(List<(TocEntry File, List<TocEntry> Chunks, long Start)> files)
    {
        var set = new HashSet<long>();
        foreach (var (_, chunks, _) in files)
            foreach (var chunk in chunks) set.Add(chunk.Offset);
        var offsets = set.ToArray();
        Array.Sort(offsets);
        return offsets;
    }

    private static long NextOffset(long[] offsets, long offset, long dataEnd)
    {
        var i = Array.BinarySearch(offsets, offset);
        i = i < 0 ? ~i : i + 1;
        return i < offsets.Length ? offsets[i] : dataEnd;
    }

    private static bool IsFormatEntry(string name)
    {
        var trimmed = name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
        return FormatEntries.Contains(trimmed.Trim('/'));
    }

    private static TarEntryType TypeOf(TocEntry entry, string layer) => entry.Type switch
    {
        "reg" => TarEntryType.RegularFile,
        "dir" => TarEntryType.Directory,
        "symlink" => TarEntryType.SymbolicLink,
        "hardlink" => TarEntryType.HardLink,
        "char" => TarEntryType.CharacterDevice,
        "block" => TarEntryType.BlockDevice,
        "fifo" => TarEntryType.Fifo,
        _ => throw new InvalidImageException(layer, entry.Name, $"the table of contents entry type '{entry.Type}' is not supported."),
    };
}
