using System.Text;
using UnionFs.Tests.Scale;

namespace UnionFs.Tests.Fixtures;

/// <summary>
/// Issue 12, item 6: <see cref="MemoryBranch.FromTree"/> and <see cref="UnionFileSystem.ToTree(string)"/> (and
/// <see cref="TreeText.Write(IBranch, string)"/>) walk a tree with work lists, not recursion: a chain 3,000 deep goes
/// both ways on a thread with a 128 KiB stack, where one frame per level would not fit. (The text of a chain grows
/// with the square of its depth, two or four columns of indentation per level, so the chain is not deeper.)
/// </summary>
public class DeepTreeTextTests
{
    private const int Depth = 3_000;
    private const int StackSize = 128 * 1024;

    private static string IndentedChain()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Depth; i++) text.Append(' ', 2 * i).Append("d/\n");
        text.Append(' ', 2 * Depth).Append("leaf: bottom\n");
        return text.ToString();
    }

    [Test]
    public void FromTreeThenToTree_IndentedChain_ShouldRoundTrip() => SmallStackThread.Run(() =>
    {
        var text = IndentedChain();
        var options = new TreeTextOptions { Style = TreeTextStyle.Indented, IncludeContents = true };

        var lower = MemoryBranch.FromTree(text);
        var fs = new UnionFileSystem(new MemoryBranch(), lower);

        fs.File.ReadAllText(string.Concat(Enumerable.Repeat("/d", Depth)) + "/leaf").Should().Be("bottom");
        fs.ToTree("/", options).Should().Be(text);
        TreeText.Write(lower, "/", options).Should().Be(text);
    }, StackSize);

    [Test]
    public void ToTreeThenFromTree_TreeFormChain_ShouldRoundTrip() => SmallStackThread.Run(() =>
    {
        var fs = new UnionFileSystem(MemoryBranch.FromTree(IndentedChain()));

        var tree = fs.ToTree();
        var again = new UnionFileSystem(MemoryBranch.FromTree(tree));

        tree.Should().StartWith("/\n└── d/\n    └── d/\n");
        again.ToTree().Should().Be(tree);
        TreeText.Write(again.Upper!).Should().Be(tree);
    }, StackSize);
}
