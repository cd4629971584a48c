using System.Formats.Tar;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using UnionFs.Images;

namespace UnionFs.Benchmarks;

/// <summary>
/// <c>cat</c> of one small file from a big gzip layer file (256 MiB of tar, 32,768 files of 8 KiB, gzip level 6):
/// <see cref="FirstOpen"/> with the layer index cache off (every open makes the full streaming pass, as a first
/// open does) against <see cref="CachedOpen"/> (the index comes from the cache, only the file's range is decoded).
/// Run: <c>dotnet run -c Release --project benchmarks/UnionFs.Benchmarks -- --filter '*GzipLayerCache*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class GzipLayerCacheBenchmarks
{
    private const int Files = 32_768;
    private const int FileSize = 8 * 1024;

    private string _path = null!;
    private string _cache = null!;

    /// <summary>Writes the layer file and fills a scratch cache with its entry.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"unionfs-bench-gzip-{Environment.ProcessId}.tar.gz");
        _cache = Directory.CreateTempSubdirectory("unionfs-bench-cache-").FullName;
        var random = new Random(1);
        string[] words = ["union", "layer", "branch", "whiteout", "opaque", "gzip", "deflate", "tar", "image", "digest", "\n"];
        using (var file = File.Create(_path))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            var content = new byte[FileSize];
            for (var i = 0; i < Files; i++)
            {
                for (var j = 0; j < content.Length; j++) content[j] = (byte)words[random.Next(words.Length)][0];
                for (var j = 0; j < content.Length; j += 97) content[j] = (byte)random.Next(256);
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"dir{i % 256:D3}/file{i:D6}") { DataStream = new MemoryStream(content) });
            }
        }
        if (CachedOpen() != FileSize) throw new InvalidOperationException("The benchmark layer does not look as expected.");
    }

    /// <summary>Removes the layer file and the scratch cache.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        File.Delete(_path);
        Directory.Delete(_cache, recursive: true);
    }

    /// <summary>Open without the cache (the full pass) and read one file.</summary>
    [Benchmark(Baseline = true)]
    public long FirstOpen() => Cat(new LayerOpenOptions { UseIndexCache = false });

    /// <summary>Open with the cache warm and read one file.</summary>
    [Benchmark]
    public long CachedOpen() => Cat(new LayerOpenOptions { IndexCacheDirectory = _cache });

    /// <summary>
    /// For scale: .NET's GZipStream decompressing the whole layer and nothing else (no digests, no checkpoints, no
    /// index), what the first open's pass with UnionFs's own inflater is measured against.
    /// </summary>
    [Benchmark]
    public long GZipStreamOnly()
    {
        using var file = File.OpenRead(_path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = gzip.Read(buffer)) > 0) total += read;
        return total;
    }

    private long Cat(LayerOpenOptions options)
    {
        using var layer = TarLayerBranch.Open(_path, options);
        using var stream = layer.OpenRead("/dir123/file020091");
        var buffer = new byte[4096];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0) total += read;
        return total;
    }
}
