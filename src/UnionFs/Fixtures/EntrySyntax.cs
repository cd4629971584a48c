using System.Text;

namespace UnionFs;

/// <summary>
/// The text of one entry, the same in both forms: <c>name</c> (a file, or a directory once entries are put in it),
/// <c>name/</c> (a directory), <c>name: content</c> (a file with one line of escaped content),
/// <c>name -&gt; target</c> (a symbolic link), <c>.wh.name</c> (a whiteout), <c>.wh..wh..opq</c> (the enclosing
/// directory is opaque) and other <c>.wh..wh.*</c> names (layer metadata, skipped). The first unescaped
/// <c>: </c> or <c> -&gt; </c> ends the name.
/// </summary>
internal static class EntrySyntax
{
    /// <summary>Prefix of a whiteout.</summary>
    public const string WhiteoutPrefix = ".wh.";

    /// <summary>Prefix of layer metadata names.</summary>
    public const string MetadataPrefix = ".wh..wh.";

    /// <summary>The opaque marker.</summary>
    public const string OpaqueMarker = ".wh..wh..opq";

    /// <summary>Reads the entry text <paramref name="text"/> (no indentation, no trailing blanks) of line <paramref name="lineNumber"/>.</summary>
    public static EntrySpec Parse(ReadOnlySpan<char> text, int lineNumber, string line)
    {
        var (nameEnd, separator) = FindSeparator(text);
        var raw = text[..nameEnd];
        var isDirectory = raw.EndsWith('/') && !IsEscaped(raw, raw.Length - 1);
        if (isDirectory) raw = raw[..^1];
        byte[]? content = null;
        string? target = null;
        if (separator == ':')
        {
            content = nameEnd + 2 <= text.Length ? TextEscaping.DecodeContent(text[(nameEnd + 2)..]) : [];
        }
        else if (separator == '>')
        {
            target = nameEnd + 4 <= text.Length ? TextEscaping.DecodeText(text[(nameEnd + 4)..]) : string.Empty;
            if (target.Length == 0) throw TreeTextError.At(lineNumber, line, "a symbolic link needs a target");
        }
        if (isDirectory && separator != '\0')
            throw TreeTextError.At(lineNumber, line, "a directory (trailing '/') cannot have content or a link target");

        if (raw.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            return ParseMarker(raw, isDirectory, separator, lineNumber, line);
        var name = ValidName(raw, lineNumber, line);
        var kind = target is not null ? TextNodeKind.SymbolicLink : isDirectory ? TextNodeKind.Directory : TextNodeKind.File;
        return new EntrySpec(kind, name, isDirectory, content, target);
    }

    /// <summary>Appends the entry text of <paramref name="node"/> (null: the opaque marker).</summary>
    public static void Append(StringBuilder builder, TextNode? node)
    {
        if (node is null)
        {
            builder.Append(OpaqueMarker);
            return;
        }
        if (node.Kind == TextNodeKind.Whiteout) builder.Append(WhiteoutPrefix);
        TextEscaping.AppendText(builder, node.Name, isName: true);
        switch (node.Kind)
        {
            case TextNodeKind.Directory:
                builder.Append('/');
                break;
            case TextNodeKind.SymbolicLink:
                builder.Append(" -> ");
                TextEscaping.AppendText(builder, node.LinkTarget!, isName: false);
                break;
            case TextNodeKind.File when node.Content is { Length: > 0 } content:
                builder.Append(": ");
                TextEscaping.AppendContent(builder, content);
                break;
        }
    }

    /// <summary>The name the entry text of <paramref name="node"/> starts with, for sorting.</summary>
    public static string DisplayName(TextNode? node) => node switch
    {
        null => OpaqueMarker,
        { Kind: TextNodeKind.Whiteout } => WhiteoutPrefix + node.Name,
        _ => node.Name,
    };

    private static EntrySpec ParseMarker(ReadOnlySpan<char> raw, bool isDirectory, char separator, int lineNumber, string line)
    {
        if (raw.StartsWith(MetadataPrefix, StringComparison.Ordinal))
        {
            var kind = raw.SequenceEqual(OpaqueMarker) ? TextNodeKind.OpaqueMarker : TextNodeKind.Metadata;
            if (kind == TextNodeKind.OpaqueMarker && (isDirectory || separator != '\0'))
                throw TreeTextError.At(lineNumber, line, "the opaque marker takes no '/', content or link target");
            return new EntrySpec(kind, raw.ToString(), isDirectory, null, null);
        }
        if (isDirectory || separator != '\0')
            throw TreeTextError.At(lineNumber, line, "a whiteout takes no '/', content or link target");
        var hidden = ValidName(raw[WhiteoutPrefix.Length..], lineNumber, line);
        return new EntrySpec(TextNodeKind.Whiteout, hidden, false, null, null);
    }

    private static string ValidName(ReadOnlySpan<char> raw, int lineNumber, string line)
    {
        var name = TextEscaping.DecodeText(raw);
        var problem = name switch
        {
            "" => "empty name",
            "." or ".." => $"'{name}' cannot be an entry name",
            _ when name.Contains('/', StringComparison.Ordinal) => "a name cannot contain '/'",
            _ when name.Contains('\0', StringComparison.Ordinal) => "a name cannot contain NUL",
            _ => null,
        };
        return problem is null ? name : throw TreeTextError.At(lineNumber, line, problem);
    }

    /// <summary>True when an odd number of backslashes precede <paramref name="index"/>.</summary>
    private static bool IsEscaped(ReadOnlySpan<char> text, int index)
    {
        var backslashes = 0;
        for (var k = index - 1; k >= 0 && text[k] == '\\'; k--) backslashes++;
        return backslashes % 2 == 1;
    }

    /// <summary>
    /// Where the name ends and what follows it: ':' for <c>: content</c> (or a final ':'), '&gt;' for
    /// <c> -&gt; target</c>, '\0' when the whole text is the name.
    /// </summary>
    private static (int NameEnd, char Separator) FindSeparator(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                var escape = TextEscaping.EscapeLength(text, i);
                if (escape > 0) i += escape - 1;
                continue;
            }
            if (c == ':' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]))) return (i, ':');
            if (char.IsWhiteSpace(c) && i + 2 < text.Length && text[i + 1] == '-' && text[i + 2] == '>'
                && (i + 3 == text.Length || char.IsWhiteSpace(text[i + 3])))
                return (i, '>');
        }
        return (text.Length, '\0');
    }
}
