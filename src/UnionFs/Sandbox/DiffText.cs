namespace UnionFs.Sandbox;

/// <summary>A text cut into lines at <c>\n</c> for a line diff; a <c>\r</c> before it stays part of the line.</summary>
internal sealed class DiffText
{
    public DiffText(string text)
    {
        var lines = text.Split('\n');
        EndsWithNewline = text.Length == 0 || text[^1] == '\n';
        Lines = EndsWithNewline ? lines[..^1] : lines;
    }

    /// <summary>The lines, without their <c>\n</c>.</summary>
    public string[] Lines { get; }

    /// <summary>False when the last line has no <c>\n</c> (diff's "No newline at end of file").</summary>
    public bool EndsWithNewline { get; }

    /// <summary>True when line <paramref name="index"/> is the last one and has no <c>\n</c>.</summary>
    public bool IsUnterminated(int index) => !EndsWithNewline && index == Lines.Length - 1;

    /// <summary>
    /// Numbers each distinct line of both texts, so the diff compares numbers. A last line without <c>\n</c>
    /// gets a number of its own: it differs from the same text followed by a newline.
    /// </summary>
    public static (int[] Old, int[] New) Number(DiffText oldText, DiffText newText)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        return (NumberLines(oldText, numbers), NumberLines(newText, numbers));
    }

    private static int[] NumberLines(DiffText text, Dictionary<string, int> numbers)
    {
        var result = new int[text.Lines.Length];
        for (var i = 0; i < result.Length; i++)
        {
            // No line contains '\n', so prefixing one makes the key of an unterminated line unique.
            var key = text.IsUnterminated(i) ? "\n" + text.Lines[i] : text.Lines[i];
            if (!numbers.TryGetValue(key, out var number)) numbers[key] = number = numbers.Count;
            result[i] = number;
        }
        return result;
    }
}
