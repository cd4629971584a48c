using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Sandbox;

/// <summary><see cref="UnionFileSystem.Discard"/> drops every change at once, whatever the upper is made of.</summary>
[TestFixtureSource(typeof(SandboxPlacements), nameof(SandboxPlacements.EveryBranchKind))]
public class DiscardTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    /// <summary>Adds, modifies, deletes, makes an opaque directory and renames a lower directory.</summary>
    internal static void ChangeEverything(UnionFileSystem fs)
    {
        fs.File.WriteAllText("/new.txt", "new");
        fs.File.AppendAllText("/books/c", " edited");
        fs.File.Delete("/books/java");
        fs.Directory.Delete("/tree", recursive: true);
        fs.Directory.Delete("/docs", recursive: true);
        fs.Directory.CreateDirectory("/docs");
        fs.File.WriteAllText("/docs/only.txt", "only");
        fs.Directory.Move("/computers", "/machines");
        fs.File.SetUnixFileMode("/README.txt", UnixFileMode.UserRead);
    }

    [Test]
    public void Discard_AfterEveryKindOfChange_ShouldShowTheLowersAgain()
    {
        ChangeEverything(Fs);
        Fs.GetChanges().Should().NotBeEmpty();

        Fs.Discard();

        Fs.GetChanges().Should().BeEmpty();
        Tree().Should().Equal(ExpectedTree());
        Fs.File.GetUnixFileMode("/README.txt").Should().NotBe(UnixFileMode.UserRead);
    }

    [Test]
    public void Discard_AfterEveryKindOfChange_ShouldLeaveTheUpperEmpty()
    {
        ChangeEverything(Fs);

        Fs.Discard();

        Upper.List("/").Should().BeEmpty();
        Upper.Stat("/")!.IsOpaque.Should().BeFalse();
    }

    [Test]
    public void Discard_ThenWriteAgain_ShouldWorkAsOnAFreshUnion()
    {
        ChangeEverything(Fs);
        Fs.Discard();

        Fs.Directory.Delete("/tree", recursive: true);
        Fs.File.WriteAllText("/tree", "now a file");
        Fs.File.AppendAllText("/books/c", "!");

        Fs.File.ReadAllText("/tree").Should().Be("now a file");
        Fs.File.ReadAllText("/books/c").Should().Be("c book!");
        Fs.GetChanges().Select(c => c.ToString()).Should().Equal("C /books", "C /books/c", "C /tree");
    }

    [Test]
    public void Discard_NothingChanged_ShouldChangeNothing()
    {
        Fs.Discard();

        Tree().Should().Equal(ExpectedTree());
        Fs.GetChanges().Should().BeEmpty();
    }
}
