using System.Text;
using CsCheck;

namespace UnionFs.Tests.Fixtures;

/// <summary>What <see cref="TreeText"/> writes reads back as the same tree, and big fixtures build fast.</summary>
public class TreeTextRoundTripTests
{
    private static readonly TreeTextOptions TreeWithContents = new() { IncludeContents = true };
    private static readonly TreeTextOptions IndentedWithContents = new() { Style = TreeTextStyle.Indented, IncludeContents = true };

    /// <summary>A generated entry: 0 file, 1 directory, 2 symbolic link, 3 whiteout.</summary>
    public sealed record Node(string Name, int Kind, byte[] Content, string Target, bool Opaque, Node[] Children)
    {
        public override string ToString() => Describe(this, 0);

        private static string Describe(Node node, int depth) =>
            new string(' ', depth * 2) + $"{node.Kind} {Escape(node.Name)} opaque={node.Opaque} target={Escape(node.Target)} content={Convert.ToHexString(node.Content)}\n"
            + string.Concat(node.Children.Select(c => Describe(c, depth + 1)));

        private static string Escape(string s) => string.Concat(s.Select(c => c < 0x20 || c > 0x7e ? $"\\u{(int)c:X4}" : c.ToString()));
    }

    /// <summary>Name pieces chosen to collide with the syntax: separators, glyphs, markers, escapes, blanks.</summary>
    private static readonly string[] Pieces =
        ["a", "b", "Z", "é", "日本", ".", ":", ": ", " -> ", "->", "\\", "\\n", " ", "\u00a0", "\t", "\n", "├── ", "│", "|-- ", "`", "+", ".wh.", ".wh..wh.", "#", "\u0001", "😀"];

    private static readonly Gen<string> GenName =
        Gen.OneOf(Pieces).Array[1, 4].Select(string.Concat).Where(n => n is not ("." or ".."));

    private static readonly Gen<byte[]> GenContent = Gen.Frequency(
        (2, Gen.Const(Array.Empty<byte>())),
        (3, Gen.OneOf(Pieces).Array[1, 6].Select(p => Encoding.UTF8.GetBytes(string.Concat(p)))),
        (1, Gen.Byte.Array[1, 12]));

    private static readonly Gen<Node> GenLeaf = Gen.Frequency(
        (5, Gen.Select(GenName, GenContent, (n, c) => new Node(n, 0, c, string.Empty, false, []))),
        (1, Gen.Select(GenName, GenName, (n, t) => new Node(n, 2, [], t, false, []))),
        (1, GenName.Select(n => new Node(n, 3, [], string.Empty, false, []))),
        (1, Gen.Select(GenName, Gen.Bool, (n, o) => new Node(n, 1, [], string.Empty, o, []))));

    private static Gen<Node> GenNode(int depth) => depth == 0
        ? GenLeaf
        : Gen.Frequency(
            (3, GenLeaf),
            (1, Gen.Select(GenName, Gen.Bool, GenNode(depth - 1).Array[0, 5], (n, o, c) => new Node(n, 1, [], string.Empty, o, c))));

    private static readonly Gen<Node> GenRoot =
        Gen.Select(Gen.Bool, GenNode(3).Array[0, 6], (o, c) => new Node(string.Empty, 1, [], string.Empty, o, c));

    /// <summary>Builds the generated tree in a memory branch through <see cref="IBranch"/>, skipping repeated names.</summary>
    private static MemoryBranch Build(Node root)
    {
        var branch = new MemoryBranch();
        var now = DateTime.UtcNow;
        if (root.Opaque) branch.SetOpaque("/", true);
        BuildChildren(branch, root, "/", now);
        return branch;
    }

    private static void BuildChildren(MemoryBranch branch, Node directory, string path, DateTime now)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in directory.Children)
        {
            if (!used.Add(child.Name)) continue;
            var childPath = path == "/" ? "/" + child.Name : path + "/" + child.Name;
            switch (child.Kind)
            {
                case 0:
                    branch.CreateFile(childPath, new MemoryStream(child.Content), EntryMetadata.NewFile(now));
                    break;
                case 1:
                    branch.CreateDirectory(childPath, EntryMetadata.NewDirectory(now), child.Opaque);
                    BuildChildren(branch, child, childPath, now);
                    break;
                case 2:
                    branch.CreateSymbolicLink(childPath, child.Target, EntryMetadata.NewFile(now));
                    break;
                default:
                    branch.CreateWhiteout(childPath);
                    break;
            }
        }
    }

    [Test]
    public void RandomTrees_TreeStyleWithContents_ShouldRoundTrip()
    {
        GenRoot.Sample(root =>
        {
            var written = TreeText.Write(Build(root), "/", TreeWithContents);
            TreeText.Write(TreeText.ToBranch(written), "/", TreeWithContents).Should().Be(written);
        }, iter: 500, threads: 1);
    }

    [Test]
    public void RandomTrees_IndentedStyleWithContents_ShouldRoundTrip()
    {
        GenRoot.Sample(root =>
        {
            var written = TreeText.Write(Build(root), "/", IndentedWithContents);
            TreeText.Write(TreeText.ToBranch(written), "/", IndentedWithContents).Should().Be(written);
        }, iter: 500, threads: 1);
    }

    [Test]
    public void RandomTrees_TreeStyleWithoutContents_ShouldRoundTripThroughEitherStyle()
    {
        GenRoot.Sample(root =>
        {
            var branch = Build(root);
            var tree = TreeText.Write(branch);
            var indented = TreeText.Write(branch, "/", new TreeTextOptions { Style = TreeTextStyle.Indented });
            TreeText.Write(TreeText.ToBranch(indented)).Should().Be(tree);
            TreeText.Write(TreeText.ToBranch(tree)).Should().Be(tree);
        }, iter: 300, threads: 1);
    }

    [Test]
    public void RandomTrees_MergedViewOverTheText_ShouldMatchTheBranch()
    {
        // Whiteouts and opaque markers have no meaning in a merged view: compare trees without them.
        GenRoot.Sample(root =>
        {
            var branch = Build(root);
            var fs = UnionFileSystem.ReadOnly(TreeText.ToBranch(TreeText.Write(branch, "/", TreeWithContents)));
            TreeText.Write(fs, "/", TreeWithContents).Should().Be(TreeText.Write(UnionFileSystem.ReadOnly(branch), "/", TreeWithContents));
        }, iter: 200, threads: 1);
    }

    /// <summary>Applies <paramref name="damage"/> to the indentation (before the glyph) of every entry line.</summary>
    private static string Damage(string tree, Func<string, string> damage) =>
        string.Join('\n', tree.Split('\n').Select(line =>
        {
            var glyph = Indentation(line);
            return glyph < line.Length && line[glyph] is '├' or '└' ? damage(line[..glyph]) + line[glyph..] : line;
        }));

    private static int Indentation(string line)
    {
        var glyph = 0;
        while (glyph < line.Length && line[glyph] is ' ' or '│') glyph++;
        return glyph;
    }

    /// <summary>True when some line is indented by a bar group: only then does narrowing keep the width knowable.</summary>
    private static bool HasBarGroups(string tree) => tree.Split('\n').Any(line => line[..Indentation(line)].Contains('│'));

    [Test]
    public void RandomTrees_LeadingBlanksLost_ShouldReadTheSameTree()
    {
        GenRoot.Sample(root =>
        {
            var written = TreeText.Write(Build(root), "/", TreeWithContents);
            var pasted = Damage(written, prefix => prefix.TrimStart(' '));
            TreeText.Write(TreeText.ToBranch(pasted), "/", TreeWithContents).Should().Be(written);
        }, iter: 500, threads: 1);
    }

    [Test]
    public void RandomTrees_NarrowGroupsAndNonBreakingSpaces_ShouldReadTheSameTree()
    {
        GenRoot.Where(r => HasBarGroups(TreeText.Write(Build(r)))).Sample(root =>
        {
            var written = TreeText.Write(Build(root), "/", TreeWithContents);
            var pasted = Damage(written, prefix => prefix.Replace("│   ", "│\u00a0", StringComparison.Ordinal).Replace("    ", " \u00a0", StringComparison.Ordinal));
            TreeText.Write(TreeText.ToBranch(pasted), "/", TreeWithContents).Should().Be(written);
        }, iter: 300, threads: 1);
    }

    [Test]
    public void ToBranch_TenThousandFiles_ShouldHoldEveryFile()
    {
        var text = new StringBuilder();
        for (var d = 0; d < 100; d++)
        {
            text.Append("dir").Append(d).Append("/\n");
            for (var f = 0; f < 100; f++) text.Append("  file").Append(f).Append(": content of ").Append(d).Append('/').Append(f).Append("\\n\n");
        }
        // How fast is measured by FixtureFromTextBenchmarks, never by a timed assertion here.
        var branch = TreeText.ToBranch(text.ToString());

        branch.List("/").Should().HaveCount(100);
        branch.List("/dir99").Should().HaveCount(100);
        new UnionFileSystem(branch).File.ReadAllText("/dir42/file7").Should().Be("content of 42/7\n");
        TreeText.Write(branch, "/", IndentedWithContents).Should().Be(TreeText.Write(TreeText.ToBranch(TreeText.Write(branch, "/", IndentedWithContents)), "/", IndentedWithContents));
    }
}
