using System.Text;

namespace UnionFs.Facade;

/// <summary>
/// Decodes a whole file's bytes as <c>File.ReadAllText</c> does through a StreamReader that detects byte order
/// marks: text that starts with the given encoding's own preamble is that encoding (preamble dropped); else a
/// UTF-8, UTF-16 or UTF-32 mark decides the encoding (and is dropped); else the given encoding is used.
/// One decode, no reader buffers.
/// </summary>
internal static class TextDecoding
{
    private static readonly Encoding Utf32BigEndian = new UTF32Encoding(bigEndian: true, byteOrderMark: true);

    public static string Decode(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        var preamble = encoding.Preamble;
        if (!preamble.IsEmpty && bytes.StartsWith(preamble)) return encoding.GetString(bytes[preamble.Length..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return bytes.Length >= 4 && bytes[2] == 0 && bytes[3] == 0
                ? Encoding.UTF32.GetString(bytes[4..])
                : Encoding.Unicode.GetString(bytes[2..]);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Encoding.UTF8.GetString(bytes[3..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])) return Utf32BigEndian.GetString(bytes[4..]);
        return encoding.GetString(bytes);
    }
}
