namespace UnionFs.Tests.Fixtures;

/// <summary>Text that is not a tree: <see cref="FormatException"/> naming the line number and quoting the line.</summary>
public class TreeTextErrorTests
{
    private static void ShouldFail(string text, int line, string quoted, string reason) =>
        FluentActions.Invoking(() => TreeText.ToBranch(text)).Should().Throw<FormatException>()
            .WithMessage($"*line {line}:*{reason}*'{quoted}'*");

    [Test]
    public void Indented_DedentToAnUnusedColumn_ShouldFail() =>
        ShouldFail("a/\n    b\n  c\n", 3, "  c", "inconsistent indentation");

    [Test]
    public void Indented_LessThanTheFirstEntry_ShouldFail() =>
        ShouldFail("  a\n b\n", 2, " b", "indented less than the first entry");

    [Test]
    public void Tree_DeeperThanAnyOpenLevel_ShouldFail() =>
        ShouldFail(".\n├── a\n│   │   └── b\n", 3, "│   │   └── b", "inconsistent indentation that cannot be resolved");

    [Test]
    public void Tree_OtherTextAfterEntries_ShouldFail() =>
        ShouldFail("lower/\n├── a\nupper/\n├── b\n", 3, "upper/", "not a tree line");

    [TestCase("a/b\n", 1, "a/b", "a name cannot contain '/'")]
    [TestCase("ok\n..\n", 2, "..", "'..' cannot be an entry name")]
    [TestCase(".\n├── ok\n└── .\n", 3, "└── .", "'.' cannot be an entry name")]
    [TestCase(".\n├── \n", 2, "├── ", "empty name")]
    [TestCase("a/: content\n", 1, "a/: content", "a directory (trailing '/') cannot have content")]
    [TestCase(": content\n", 1, ": content", "empty name")]
    [TestCase("a -> \n", 1, "a -> ", "a symbolic link needs a target")]
    [TestCase(".wh.x/\n", 1, ".wh.x/", "a whiteout takes no")]
    [TestCase(".wh.\n", 1, ".wh.", "empty name")]
    [TestCase("d/\n  .wh..wh..opq: x\n", 2, "  .wh..wh..opq: x", "the opaque marker takes no")]
    public void Entry_Invalid_ShouldFail(string text, int line, string quoted, string reason) =>
        ShouldFail(text, line, quoted, reason);

    [TestCase("a\nb\na\n", 3, "a", TestName = "Entry_DuplicateFile_ShouldFail")]
    [TestCase("d/\n  x\n  x/\n", 3, "  x/", TestName = "Entry_DuplicateInDirectory_ShouldFail")]
    [TestCase(".\n├── x\n└── .wh.x\n", 3, "└── .wh.x", TestName = "Entry_WhiteoutBesideItsName_ShouldFail")]
    [TestCase("d/\n  .wh..wh..opq\n  .wh..wh..opq\n", 3, "  .wh..wh..opq", TestName = "Entry_OpaqueMarkerTwice_ShouldFail")]
    public void Entry_Duplicate_ShouldFail(string text, int line, string quoted) =>
        ShouldFail(text, line, quoted, "appears twice in one directory");

    [TestCase("f: content\n  g\n", 2, "  g", "'f' cannot contain entries", TestName = "Entry_InsideFileWithContent_ShouldFail")]
    [TestCase(".\n└── l -> t\n    └── g\n", 3, "    └── g", "'l' cannot contain entries", TestName = "Entry_InsideSymbolicLink_ShouldFail")]
    [TestCase(".wh.x\n  g\n", 2, "  g", "'x' cannot contain entries", TestName = "Entry_InsideWhiteout_ShouldFail")]
    [TestCase("d/\n  .wh..wh..opq\n    g\n", 3, "    g", "'.wh..wh..opq' cannot contain entries", TestName = "Entry_InsideOpaqueMarker_ShouldFail")]
    public void Entry_InsideALeaf_ShouldFail(string text, int line, string quoted, string reason) =>
        ShouldFail(text, line, quoted, reason);

    [Test]
    public void Populate_BadText_ShouldLeaveTheBranchUnchanged()
    {
        var branch = TreeText.ToBranch("keep\n");

        FluentActions.Invoking(() => TreeText.Populate(branch, "new\nbad/name\n")).Should().Throw<FormatException>();

        branch.List("/").Select(e => e.Name).Should().Equal("keep");
    }
}
