using System.Formats.Tar;
using System.IO.Compression;

namespace UnionFs.Images.Tests.Gzip;

/// <summary>A generated gzip layer file: 4,096 text files of 32 KiB in 64 directories (128 MiB of tar), made once per run.</summary>
internal static class BigGzipLayer
{
    public const int FileCount = 4096;
    public const int FileSize = 32 * 1024;
    private static readonly Lazy<(string Path, string Digest)> Made = new(Make);

    public static string Path => Made.Value.Path;

    public static string Digest => Made.Value.Digest;

    public static string FileName(int i) => $"/dir{i % 64:D2}/file{i:D5}.txt";

    public static byte[] Content(int i) => GzipTestData.Text(FileSize, seed: i);

    private static (string, string) Make()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"unionfs-big-layer-{Environment.ProcessId}.tar.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            for (var i = 0; i < FileCount; i++)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, FileName(i)[1..]) { DataStream = new MemoryStream(Content(i)) };
                tar.WriteEntry(entry);
            }
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return (path, Infrastructure.LayerBuilder.Sha256(File.ReadAllBytes(path)));
    }
}
