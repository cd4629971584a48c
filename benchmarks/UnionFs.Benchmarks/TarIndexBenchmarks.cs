using System.Formats.Tar;
using BenchmarkDotNet.Attributes;
using UnionFs.Images;

namespace UnionFs.Benchmarks;

/// <summary>
/// Indexing a large uncompressed layer: 100,000 entries (1,000 directories of 99 small files), USTAR headers,
/// as a file on disk. <see cref="OpenTarLayerBranch"/> is the real thing (index once, read in place);
/// <see cref="TarReaderOverFileStream"/> is the naive loop over a FileStream, whose Length TarReader asks for
/// with a system call for every entry, for comparison.
/// Run: <c>dotnet run -c Release --project benchmarks/UnionFs.Benchmarks -- --filter '*TarIndex*'</c>.
/// </summary>
[MemoryDiagnoser]
public class TarIndexBenchmarks
{
    /// <summary>Directories in the layer; each holds <see cref="FilesPerDirectory"/> files.</summary>
    public const int Directories = 1_000;

    /// <summary>Files per directory (with its directory entry: 100 entries per directory).</summary>
    public const int FilesPerDirectory = 99;

    private string _path = null!;
    private byte[] _gzip = null!;

    /// <summary>Writes the layer to a temporary file (and a gzip copy in memory).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"unionfs-bench-{Environment.ProcessId}.tar");
        WriteLayer(_path);
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        using (var file = File.OpenRead(_path))
            file.CopyTo(gzip);
        _gzip = compressed.ToArray();
        using var layer = TarLayerBranch.Open(_path);
        if (layer.EntryCount != Directories * (FilesPerDirectory + 1)) throw new InvalidOperationException("The benchmark layer does not look as expected.");
    }

    /// <summary>Removes the temporary layer.</summary>
    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>Opens and indexes the layer file (uncompressed: read in place).</summary>
    [Benchmark(Baseline = true)]
    public int OpenTarLayerBranch()
    {
        using var layer = TarLayerBranch.Open(_path);
        return layer.EntryCount;
    }

    /// <summary>Opens the gzip copy: one decompression pass into memory plus the index.</summary>
    [Benchmark]
    public int OpenGzipTarLayerBranch()
    {
        using var layer = TarLayerBranch.Open(new MemoryStream(_gzip), new LayerOpenOptions { MemoryThreshold = long.MaxValue });
        return layer.EntryCount;
    }

    /// <summary>The naive loop: TarReader straight over a FileStream, no index built.</summary>
    [Benchmark]
    public int TarReaderOverFileStream()
    {
        using var file = File.OpenRead(_path);
        using var reader = new TarReader(file);
        var count = 0;
        while (reader.GetNextEntry(copyData: false) is not null) count++;
        return count;
    }

    /// <summary>Writes a layer of <see cref="Directories"/> directories with <see cref="FilesPerDirectory"/> 64-byte files each.</summary>
    public static void WriteLayer(string path)
    {
        var data = new byte[64];
        using var file = File.Create(path);
        using var writer = new TarWriter(file, TarEntryFormat.Ustar);
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var d = 0; d < Directories; d++)
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, $"usr/share/d{d:D4}/") { ModificationTime = time, Mode = EntryMetadata.DefaultDirectoryMode });
            for (var f = 0; f < FilesPerDirectory; f++)
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, $"usr/share/d{d:D4}/file{f:D3}.txt")
                {
                    ModificationTime = time,
                    Mode = EntryMetadata.DefaultFileMode,
                    DataStream = new MemoryStream(data),
                };
                writer.WriteEntry(entry);
            }
        }
    }
}
