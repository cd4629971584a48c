using System.Text;

namespace UnionFs.Tests.Streams;

/// <summary>
/// <c>File.ReadAllText</c> decodes as .NET's does on a real file, byte order marks included: the real file
/// system is the oracle for each byte sequence and encoding.
/// </summary>
public class ReadAllTextTests
{
    private static readonly (string Name, byte[] Bytes)[] Samples =
    [
        ("empty", []),
        ("ascii", "hello"u8.ToArray()),
        ("utf8 bom", [0xEF, 0xBB, 0xBF, .. "héllo"u8.ToArray()]),
        ("utf8 no bom", "héllo wörld"u8.ToArray()),
        ("utf16 le bom", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("héllo")]),
        ("utf16 be bom", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("héllo")]),
        ("utf32 le bom", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes("héllo")]),
        ("utf32 be bom", [0x00, 0x00, 0xFE, 0xFF, .. new UTF32Encoding(true, false).GetBytes("héllo")]),
        ("bom only", [0xEF, 0xBB, 0xBF]),
        ("half a utf16 bom", [0xFF]),
        ("ff fe then text", [0xFF, 0xFE, 0x41, 0x00, 0x42]),
        ("invalid utf8", [0x41, 0xC3, 0x28, 0xFF, 0x42]),
        ("latin1 bytes", [0x63, 0x61, 0x66, 0xE9]),
    ];

    private static readonly Encoding[] Encodings = [Encoding.UTF8, new UTF8Encoding(false), Encoding.Latin1, Encoding.Unicode, Encoding.ASCII];

    [Test]
    public void ReadAllText_EverySampleInEveryEncoding_ShouldDecodeAsOnARealFile()
    {
        var host = Directory.CreateTempSubdirectory("unionfs-text-").FullName;
        try
        {
            var fs = new UnionFileSystem(new MemoryBranch());
            var differences = new List<string>();
            foreach (var (name, bytes) in Samples)
            {
                var real = Path.Combine(host, "sample.txt");
                File.WriteAllBytes(real, bytes);
                fs.File.WriteAllBytes("/sample.txt", bytes);
                if (fs.File.ReadAllText("/sample.txt") != File.ReadAllText(real)) differences.Add($"{name}, default");
                foreach (var encoding in Encodings)
                    if (fs.File.ReadAllText("/sample.txt", encoding) != File.ReadAllText(real, encoding)) differences.Add($"{name}, {encoding.WebName}");
            }

            differences.Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(host, recursive: true);
        }
    }
}
