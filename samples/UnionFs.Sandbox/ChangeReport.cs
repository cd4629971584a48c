namespace UnionFs.Samples.Sandbox;

/// <summary>Prints what a union changed: a <c>docker diff</c>-style summary, then a unified diff of each changed text file.</summary>
internal static class ChangeReport
{
    public static void Print(UnionFileSystem fs, TextWriter output)
    {
        var changes = fs.GetChanges();
        output.WriteLine($"changes ({changes.Count}):");
        foreach (var change in changes) output.WriteLine($"  {change}"); // A /gen/Circle.g.cs, C /README.md, D /obsolete.txt
        output.WriteLine();

        foreach (var change in changes)
        {
            // Old content from the lowers alone, new content from the merged view; directories have none.
            var before = fs.GetOriginalKind(change.Path) == EntryKind.File ? fs.ReadOriginalText(change.Path) : null;
            var after = change.Kind != ChangeKind.Deleted && fs.File.Exists(change.Path) ? fs.File.ReadAllText(change.Path) : null;
            if (before is null && after is null) continue;
            output.Write(TextDiff.Unified(
                before ?? string.Empty,
                after ?? string.Empty,
                before is null ? "/dev/null" : "a" + change.Path,
                after is null ? "/dev/null" : "b" + change.Path));
        }
        output.WriteLine();
    }
}
