namespace UnionFs.Tests.Sandbox;

/// <summary><see cref="TextDiff.Unified"/> writes what <c>diff -u</c> writes, with a shortest edit script.</summary>
public class TextDiffTests
{
    [Test]
    public void Unified_EqualTexts_ShouldBeEmpty()
    {
        TextDiff.Unified("a\nb\n", "a\nb\n").Should().BeEmpty();
        TextDiff.Unified(string.Empty, string.Empty).Should().BeEmpty();
    }

    [Test]
    public void Unified_OneChangedLine_ShouldShowItWithThreeLinesOfContext()
    {
        var before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        var after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";

        TextDiff.Unified(before, after, "a/n.txt", "b/n.txt").Should().Be(
            "--- a/n.txt\n" +
            "+++ b/n.txt\n" +
            "@@ -2,7 +2,7 @@\n" +
            " 2\n 3\n 4\n" +
            "-5\n" +
            "+five\n" +
            " 6\n 7\n 8\n");
    }

    [Test]
    public void Unified_AddedFile_ShouldCountFromZero()
    {
        TextDiff.Unified(string.Empty, "x\ny\n", "/dev/null", "b/new").Should().Be(
            "--- /dev/null\n+++ b/new\n@@ -0,0 +1,2 @@\n+x\n+y\n");
    }

    [Test]
    public void Unified_DeletedFile_ShouldCountToZero()
    {
        TextDiff.Unified("only\n", string.Empty, "a/old", "/dev/null").Should().Be(
            "--- a/old\n+++ /dev/null\n@@ -1 +0,0 @@\n-only\n");
    }

    [Test]
    public void Unified_MissingFinalNewline_ShouldBeMarked()
    {
        TextDiff.Unified("a\nb", "a\nb\n").Should().Be(
            "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
    }

    [Test]
    public void Unified_ChangesFarApart_ShouldMakeTwoHunks()
    {
        var lines = Enumerable.Range(1, 20).Select(i => i.ToString()).ToList();
        var changed = lines.ToList();
        changed[1] = "two";
        changed[17] = "eighteen";

        var diff = TextDiff.Unified(Text(lines), Text(changed));

        diff.Split('\n').Where(l => l.StartsWith("@@")).Should().Equal("@@ -1,5 +1,5 @@", "@@ -15,6 +15,6 @@");
    }

    [Test]
    public void Unified_ChangesCloseTogether_ShouldShareOneHunk()
    {
        var lines = Enumerable.Range(1, 20).Select(i => i.ToString()).ToList();
        var changed = lines.ToList();
        changed[4] = "five";
        changed[10] = "eleven";

        var diff = TextDiff.Unified(Text(lines), Text(changed));

        diff.Split('\n').Where(l => l.StartsWith("@@")).Should().Equal("@@ -2,13 +2,13 @@");
    }

    [Test]
    public void Unified_NoContext_ShouldShowOnlyChangedLines()
    {
        TextDiff.Unified("a\nb\nc\n", "a\nB\nc\n", context: 0).Should().Be("--- a\n+++ b\n@@ -2 +2 @@\n-b\n+B\n");
    }

    [Test]
    public void Unified_InsertionOnly_ShouldNameTheLineBefore()
    {
        TextDiff.Unified("a\nc\n", "a\nb\nc\n", context: 0).Should().Be("--- a\n+++ b\n@@ -1,0 +2 @@\n+b\n");
    }

    [Test]
    public void Unified_NegativeContext_ShouldThrow()
    {
        var act = () => TextDiff.Unified("a", "b", context: -1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Unified_RandomTexts_ShouldPatchBackAndBeAShortestScript()
    {
        var random = new Random(12345);
        for (var round = 0; round < 400; round++)
        {
            var before = RandomLines(random);
            var after = random.Next(3) == 0 ? Mutate(before, random) : RandomLines(random);

            var diff = TextDiff.Unified(Text(before), Text(after), context: 2);

            Patch(before, diff).Should().Equal(after, "round {0}: the diff must turn the old text into the new one", round);
            var changed = diff.Split('\n').Count(l => (l.StartsWith('-') || l.StartsWith('+')) && !l.StartsWith("---") && !l.StartsWith("+++"));
            changed.Should().Be(before.Count + after.Count - (2 * Lcs(before, after)), "round {0}: the script must be a shortest one", round);
        }
    }

    [Test]
    public void Unified_LargeTexts_ShouldFinishAndPatchBack()
    {
        var random = new Random(99);
        var before = Enumerable.Range(0, 20_000).Select(_ => random.Next(50).ToString()).ToList();
        var after = Mutate(before, random);

        var diff = TextDiff.Unified(Text(before), Text(after));

        Patch(before, diff).Should().Equal(after);
    }

    private static string Text(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));

    private static List<string> RandomLines(Random random) =>
        Enumerable.Range(0, random.Next(0, 25)).Select(_ => ((char)('a' + random.Next(4))).ToString()).ToList();

    private static List<string> Mutate(List<string> lines, Random random)
    {
        var result = lines.ToList();
        for (var i = random.Next(1, 1 + Math.Max(1, lines.Count / 10)); i > 0; i--)
        {
            var at = random.Next(result.Count + 1);
            if (random.Next(2) == 0 && at < result.Count) result.RemoveAt(at);
            else result.Insert(at, "new" + random.Next(1000));
        }
        return result;
    }

    /// <summary>Applies a unified diff (made with full lines ending in \n) to <paramref name="lines"/>.</summary>
    private static List<string> Patch(List<string> lines, string diff)
    {
        var result = new List<string>();
        var next = 0;
        var diffLines = diff.Split('\n');
        for (var i = 0; i < diffLines.Length; i++)
        {
            var line = diffLines[i];
            if (!line.StartsWith("@@")) continue;
            var oldStart = int.Parse(line.Split(' ')[1].TrimStart('-').Split(',')[0]);
            var oldCount = line.Split(' ')[1].Contains(',') ? int.Parse(line.Split(' ')[1].Split(',')[1]) : 1;
            var start = oldCount == 0 ? oldStart : oldStart - 1;
            while (next < start) result.Add(lines[next++]);
            for (i++; i < diffLines.Length && diffLines[i].Length > 0 && !diffLines[i].StartsWith("@@"); i++)
            {
                var body = diffLines[i][1..];
                switch (diffLines[i][0])
                {
                    case ' ':
                        lines[next++].Should().Be(body);
                        result.Add(body);
                        break;
                    case '-':
                        lines[next++].Should().Be(body);
                        break;
                    default:
                        result.Add(body);
                        break;
                }
            }
            i--;
        }
        while (next < lines.Count) result.Add(lines[next++]);
        return result;
    }

    private static int Lcs(List<string> a, List<string> b)
    {
        var table = new int[a.Count + 1, b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
            for (var j = 1; j <= b.Count; j++)
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
        return table[a.Count, b.Count];
    }
}
