using System.Buffers;
using System.Globalization;
using System.Text;

namespace UnionFs;

/// <summary>
/// The backslash escapes of tree text. Reading: <c>\\</c>, <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\xHH</c> (in a
/// file's content one raw byte, elsewhere the character U+00HH), <c>\uXXXX</c>, and a backslash before any other
/// ASCII punctuation or a space stands for that character; any other backslash is kept as written, so hand-written
/// text such as <c>C:\data</c> needs no escaping. Writing escapes exactly what reading would otherwise misread.
/// </summary>
internal static class TextEscaping
{
    /// <summary>The end (exclusive) of <paramref name="line"/> without its trailing blanks; an escaped blank stays.</summary>
    public static int TrimmedEnd(string line, int start)
    {
        var end = line.Length;
        while (end > start && char.IsWhiteSpace(line[end - 1]))
        {
            var backslashes = 0;
            for (var k = end - 2; k >= start && line[k] == '\\'; k--) backslashes++;
            if (backslashes % 2 == 1) break;
            end--;
        }
        return end;
    }

    /// <summary>The length of the escape at <paramref name="index"/> (a backslash), or 0 when it is kept literally.</summary>
    public static int EscapeLength(ReadOnlySpan<char> text, int index) => Decode(text, index, out _, out _);

    /// <summary>A name or link target as written, escapes decoded.</summary>
    public static string DecodeText(ReadOnlySpan<char> raw)
    {
        if (!raw.Contains('\\')) return raw.ToString();
        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var value = 0;
            var length = raw[i] == '\\' ? Decode(raw, i, out value, out _) : 0;
            if (length == 0)
            {
                builder.Append(raw[i]);
                continue;
            }
            builder.Append((char)value);
            i += length - 1;
        }
        return builder.ToString();
    }

    /// <summary>A file's content as written, escapes decoded, as UTF-8 bytes.</summary>
    public static byte[] DecodeContent(ReadOnlySpan<char> raw)
    {
        if (!raw.Contains('\\')) return Encoding.UTF8.GetBytes(raw.ToString());
        var output = new ArrayBufferWriter<byte>(raw.Length);
        var run = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var value = 0;
            var isByte = false;
            var length = raw[i] == '\\' ? Decode(raw, i, out value, out isByte) : 0;
            if (length == 0)
            {
                run.Append(raw[i]);
                continue;
            }
            i += length - 1;
            if (!isByte)
            {
                run.Append((char)value);
                continue;
            }
            Flush(run, output);
            output.GetSpan(1)[0] = (byte)value;
            output.Advance(1);
        }
        Flush(run, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Appends a name (<paramref name="isName"/>) or a link target, escaped.</summary>
    public static void AppendText(StringBuilder builder, string text, bool isName)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var last = i == text.Length - 1;
            if (char.IsHighSurrogate(c) && !last && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            if (TryAppendCommon(builder, c)) continue;
            if (char.IsControl(c) || char.IsSurrogate(c)) AppendCodeUnit(builder, c);
            else if (NeedsEscape(text, i, isName)) AppendEscapedCharacter(builder, c);
            else builder.Append(c);
        }
    }

    /// <summary>Appends a file's content, escaped: lines, backslashes, control characters, invalid UTF-8 and a trailing blank.</summary>
    public static void AppendContent(StringBuilder builder, ReadOnlySpan<byte> content)
    {
        Span<char> chars = stackalloc char[2];
        var i = 0;
        while (i < content.Length)
        {
            if (Rune.DecodeFromUtf8(content[i..], out var rune, out var consumed) != OperationStatus.Done)
            {
                AppendByte(builder, content[i]);
                i++;
                continue;
            }
            var last = i + consumed == content.Length;
            if (!(rune.IsBmp && TryAppendCommon(builder, (char)rune.Value)))
            {
                if (Rune.IsControl(rune) || (last && Rune.IsWhiteSpace(rune)))
                {
                    foreach (var b in content.Slice(i, consumed)) AppendByte(builder, b);
                }
                else
                {
                    builder.Append(chars[..rune.EncodeToUtf16(chars)]);
                }
            }
            i += consumed;
        }
    }

    /// <summary>
    /// True when the printable character at <paramref name="index"/> would be misread unescaped: a blank at either
    /// end or before <c>-&gt;</c>, a colon before a blank or at the end, or a first character that reads as a tree
    /// glyph or a whiteout prefix.
    /// </summary>
    private static bool NeedsEscape(string text, int index, bool isName)
    {
        var c = text[index];
        var last = index == text.Length - 1;
        if (char.IsWhiteSpace(c)) return index == 0 || last || (isName && IsArrowAfter(text, index));
        if (!isName) return false;
        if (c == ':') return last || char.IsWhiteSpace(text[index + 1]);
        return index == 0
            && (TreeGlyphs.IsGlyphCharacter(c) || text.StartsWith(EntrySyntax.WhiteoutPrefix, StringComparison.Ordinal));
    }

    private static bool TryAppendCommon(StringBuilder builder, char c)
    {
        var escape = c switch
        {
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ => null,
        };
        if (escape is null) return false;
        builder.Append(escape);
        return true;
    }

    /// <summary>True when the blank at <paramref name="index"/> starts a <c> -&gt; </c> separator.</summary>
    private static bool IsArrowAfter(string text, int index) =>
        index + 2 < text.Length && text[index + 1] == '-' && text[index + 2] == '>'
        && (index + 3 == text.Length || char.IsWhiteSpace(text[index + 3]));

    private static void AppendEscapedCharacter(StringBuilder builder, char c)
    {
        if (c < 0x80) builder.Append('\\').Append(c);
        else AppendCodeUnit(builder, c);
    }

    private static void AppendCodeUnit(StringBuilder builder, char c)
    {
        if (c < 0x80) builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
        else builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
    }

    private static void AppendByte(StringBuilder builder, byte b) =>
        builder.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture));

    private static void Flush(StringBuilder run, ArrayBufferWriter<byte> output)
    {
        if (run.Length == 0) return;
        Encoding.UTF8.GetBytes(run.ToString(), output);
        run.Clear();
    }

    /// <summary>Decodes the escape at <paramref name="index"/>; returns its length, or 0 when the backslash is literal.</summary>
    private static int Decode(ReadOnlySpan<char> text, int index, out int value, out bool isByte)
    {
        value = 0;
        isByte = false;
        if (index + 1 >= text.Length) return 0;
        var next = text[index + 1];
        switch (next)
        {
            case 'n': value = '\n'; return 2;
            case 'r': value = '\r'; return 2;
            case 't': value = '\t'; return 2;
            case 'x' when TryHex(text, index + 2, 2, out value):
                isByte = true;
                return 4;
            case 'u' when TryHex(text, index + 2, 4, out value):
                return 6;
        }
        if (next >= 0x80 || char.IsLetterOrDigit(next) || char.IsControl(next)) return 0;
        value = next;
        return 2;
    }

    private static bool TryHex(ReadOnlySpan<char> text, int start, int digits, out int value)
    {
        value = 0;
        return start + digits <= text.Length
            && int.TryParse(text.Slice(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
