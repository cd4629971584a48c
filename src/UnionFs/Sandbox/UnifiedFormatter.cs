using System.Globalization;
using System.Text;

namespace UnionFs.Sandbox;

/// <summary>
/// Writes a line diff in the unified format of <c>diff -u</c>: a <c>---</c>/<c>+++</c> header, then hunks of
/// changed lines with up to <c>context</c> unchanged lines around them (hunks closer than twice that merge),
/// deletions before insertions within a run of changes.
/// </summary>
internal sealed class UnifiedFormatter
{
    private const string NoNewline = "\\ No newline at end of file\n";

    private readonly DiffText _old;
    private readonly DiffText _new;
    private readonly List<LineEdit> _edits;
    private readonly int _context;
    private readonly StringBuilder _output = new();

    public UnifiedFormatter(DiffText oldText, DiffText newText, List<LineEdit> edits, int context)
    {
        _old = oldText;
        _new = newText;
        _edits = edits;
        _context = context;
    }

    /// <summary>The whole diff; empty when every edit keeps a line.</summary>
    public string Format(string oldName, string newName)
    {
        var next = NextChange(0);
        if (next < 0) return string.Empty;
        _output.Append("--- ").Append(oldName).Append('\n');
        _output.Append("+++ ").Append(newName).Append('\n');
        var written = 0;
        while (next >= 0)
        {
            var start = Math.Max(written, next - _context);
            var last = next;
            // Changes with at most twice the context of unchanged lines between them share a hunk, as diff's do.
            for (var i = next + 1; i < _edits.Count && i - last <= (2 * _context) + 1; i++)
            {
                if (_edits[i].Kind != LineEditKind.Equal) last = i;
            }
            var end = Math.Min(_edits.Count, last + 1 + _context);
            WriteHunk(start, end);
            written = end;
            next = NextChange(end);
        }
        return _output.ToString();
    }

    private int NextChange(int from)
    {
        for (var i = from; i < _edits.Count; i++)
        {
            if (_edits[i].Kind != LineEditKind.Equal) return i;
        }
        return -1;
    }

    private void WriteHunk(int start, int end)
    {
        int oldCount = 0, newCount = 0;
        foreach (var edit in _edits.Skip(start).Take(end - start))
        {
            if (edit.Kind != LineEditKind.Insert) oldCount++;
            if (edit.Kind != LineEditKind.Delete) newCount++;
        }
        _output.Append("@@ -").Append(Range(_edits[start].OldIndex, oldCount))
            .Append(" +").Append(Range(_edits[start].NewIndex, newCount)).Append(" @@\n");

        var i = start;
        while (i < end)
        {
            if (_edits[i].Kind == LineEditKind.Equal)
            {
                WriteLine(' ', _old, _edits[i++].OldIndex);
                continue;
            }
            var runEnd = i;
            while (runEnd < end && _edits[runEnd].Kind != LineEditKind.Equal) runEnd++;
            for (var j = i; j < runEnd; j++)
                if (_edits[j].Kind == LineEditKind.Delete) WriteLine('-', _old, _edits[j].OldIndex);
            for (var j = i; j < runEnd; j++)
                if (_edits[j].Kind == LineEditKind.Insert) WriteLine('+', _new, _edits[j].NewIndex);
            i = runEnd;
        }
    }

    private void WriteLine(char marker, DiffText text, int index)
    {
        _output.Append(marker).Append(text.Lines[index]).Append('\n');
        if (text.IsUnterminated(index)) _output.Append(NoNewline);
    }

    /// <summary>A hunk range as diff writes it: <c>start,count</c>, just <c>start</c> for one line, the line before for none.</summary>
    private static string Range(int position, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{position},0"),
        1 => (position + 1).ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{position + 1},{count}"),
    };
}
