using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using UnionFs.Images.Storage;
using UnionFs.Images.Storage.Gzip;

namespace UnionFs.Images.Tests.Gzip;

/// <summary>Inputs for the gzip tests: random and text data, compressed by GZipStream or the gzip/pigz tools.</summary>
internal static class GzipTestData
{
    public static byte[] Random(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Compressible text: words drawn from a small vocabulary, with numbers.</summary>
    public static byte[] Text(int length, int seed = 2)
    {
        string[] words = ["union", "layer", "branch", "whiteout", "opaque", "gzip", "deflate", "tar", "image", "digest", "\n", "the", "a"];
        var random = new Random(seed);
        var text = new StringBuilder(length + 32);
        while (text.Length < length) text.Append(words[random.Next(words.Length)]).Append(' ').Append(random.Next(1000)).Append(' ');
        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }

    public static byte[] GZip(byte[] data, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, level, leaveOpen: true)) gzip.Write(data);
        return buffer.ToArray();
    }

    /// <summary>Compresses with a command-line tool (gzip, pigz) reading stdin.</summary>
    public static byte[] Tool(string tool, string arguments, byte[] data)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(data);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        process.ExitCode.Should().Be(0);
        return output.ToArray();
    }

    public static byte[] DecodeAll(GzipDecoder decoder)
    {
        using var output = new MemoryStream();
        var buffer = new byte[70_000];
        int read;
        while ((read = decoder.Read(buffer)) > 0) output.Write(buffer, 0, read);
        return output.ToArray();
    }

    public static byte[] Decode(byte[] gzip) => DecodeAll(new GzipDecoder(MemorySource.FromArray(gzip)));
}
