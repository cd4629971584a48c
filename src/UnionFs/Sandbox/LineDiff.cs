namespace UnionFs.Sandbox;

/// <summary>
/// A shortest edit script between two sequences of line numbers (Myers' O(ND) difference algorithm, in linear
/// space). The common prefix and suffix are taken off first; what remains is split at a point where the
/// forward search from the start and the backward search from the end meet, and each half is solved the same way.
/// </summary>
internal static class LineDiff
{
    /// <summary>The steps that turn <paramref name="oldLines"/> into <paramref name="newLines"/>, in order.</summary>
    public static List<LineEdit> Compute(int[] oldLines, int[] newLines)
    {
        var edits = new List<LineEdit>(Math.Max(oldLines.Length, newLines.Length));
        Diff(oldLines, 0, oldLines.Length, newLines, 0, newLines.Length, edits);
        return edits;
    }

    private static void Diff(int[] a, int aStart, int aEnd, int[] b, int bStart, int bEnd, List<LineEdit> edits)
    {
        while (aStart < aEnd && bStart < bEnd && a[aStart] == b[bStart])
        {
            edits.Add(new LineEdit(LineEditKind.Equal, aStart++, bStart++));
        }
        var suffix = 0;
        while (aStart < aEnd - suffix && bStart < bEnd - suffix && a[aEnd - 1 - suffix] == b[bEnd - 1 - suffix]) suffix++;
        aEnd -= suffix;
        bEnd -= suffix;

        if (aStart == aEnd || bStart == bEnd)
        {
            AddRewrite(aStart, aEnd, bStart, bEnd, edits);
        }
        else if (Split(a, aStart, aEnd, b, bStart, bEnd) is { } middle
            && (middle.X, middle.Y) != (aStart, bStart) && (middle.X, middle.Y) != (aEnd, bEnd))
        {
            Diff(a, aStart, middle.X, b, bStart, middle.Y, edits);
            Diff(a, middle.X, aEnd, b, middle.Y, bEnd, edits);
        }
        else
        {
            AddRewrite(aStart, aEnd, bStart, bEnd, edits); // never reached for a correct split; a correct, longer script
        }

        for (var i = 0; i < suffix; i++) edits.Add(new LineEdit(LineEditKind.Equal, aEnd + i, bEnd + i));
    }

    /// <summary>Every old line of the range deleted, then every new line inserted.</summary>
    private static void AddRewrite(int aStart, int aEnd, int bStart, int bEnd, List<LineEdit> edits)
    {
        for (var i = aStart; i < aEnd; i++) edits.Add(new LineEdit(LineEditKind.Delete, i, bStart));
        for (var j = bStart; j < bEnd; j++) edits.Add(new LineEdit(LineEditKind.Insert, aEnd, j));
    }

    /// <summary>
    /// A point on a shortest edit path of the two ranges, about half-way along it: the searches forward from the
    /// start and backward from the end advance one edit at a time, each remembering the furthest point reached on
    /// every diagonal, until one reaches a point the other has passed. Null when none is found (it always is).
    /// </summary>
    private static (int X, int Y)? Split(int[] a, int aStart, int aEnd, int[] b, int bStart, int bEnd)
    {
        var n = aEnd - aStart;
        var m = bEnd - bStart;
        var maxD = (n + m + 1) / 2;
        var offset = maxD + 1;
        var size = (2 * maxD) + 3;
        var forward = new int[size];
        var backward = new int[size];
        Array.Fill(forward, -1);
        Array.Fill(backward, -1);
        forward[offset + 1] = 0;
        backward[offset + 1] = 0;
        var delta = n - m;
        var oddDelta = (delta & 1) != 0;
        // Diagonals that ran off the grid are not searched again.
        int forwardLow = 0, forwardHigh = 0, backwardLow = 0, backwardHigh = 0;

        for (var d = 0; d <= maxD; d++)
        {
            for (var k = -d + forwardLow; k <= d - forwardHigh; k += 2)
            {
                var i = offset + k;
                var x = k == -d || (k != d && forward[i - 1] < forward[i + 1]) ? forward[i + 1] : forward[i - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[aStart + x] == b[bStart + y])
                {
                    x++;
                    y++;
                }
                forward[i] = x;
                if (x > n)
                {
                    forwardHigh += 2;
                }
                else if (y > m)
                {
                    forwardLow += 2;
                }
                else if (oddDelta)
                {
                    var j = offset + delta - k;
                    if (j >= 0 && j < size && backward[j] != -1 && x >= n - backward[j]) return (aStart + x, bStart + y);
                }
            }

            for (var k = -d + backwardLow; k <= d - backwardHigh; k += 2)
            {
                var i = offset + k;
                var x = k == -d || (k != d && backward[i - 1] < backward[i + 1]) ? backward[i + 1] : backward[i - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[aEnd - 1 - x] == b[bEnd - 1 - y])
                {
                    x++;
                    y++;
                }
                backward[i] = x;
                if (x > n)
                {
                    backwardHigh += 2;
                }
                else if (y > m)
                {
                    backwardLow += 2;
                }
                else if (!oddDelta)
                {
                    var j = offset + delta - k;
                    if (j < 0 || j >= size || forward[j] == -1) continue;
                    var forwardX = forward[j];
                    var forwardY = forwardX - (j - offset);
                    if (forwardX <= n && forwardY >= 0 && forwardY <= m && forwardX >= n - x) return (aStart + forwardX, bStart + forwardY);
                }
            }
        }
        return null;
    }
}
