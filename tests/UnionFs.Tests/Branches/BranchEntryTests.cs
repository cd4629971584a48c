namespace UnionFs.Tests.Branches;

/// <summary><see cref="BranchEntry"/> is a value: every member round-trips, copies are independent, equality is by value.</summary>
public class BranchEntryTests
{
    private static readonly DateTime Created = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static BranchEntry Full() => new()
    {
        Name = "name",
        Kind = EntryKind.Directory,
        Length = 1L << 40,
        Attributes = FileAttributes.Directory | FileAttributes.Hidden,
        UnixMode = UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit | UnixFileMode.UserRead | UnixFileMode.OtherExecute,
        CreationTimeUtc = Created,
        LastAccessTimeUtc = Created.AddDays(1),
        LastWriteTimeUtc = Created.AddDays(2),
        LinkTarget = "target",
        IsOpaque = true,
        Redirect = "/origin",
    };

    [Test]
    public void EveryMember_RoundTrips()
    {
        var entry = Full();

        entry.Name.Should().Be("name");
        entry.Kind.Should().Be(EntryKind.Directory);
        entry.Length.Should().Be(1L << 40);
        entry.Attributes.Should().Be(FileAttributes.Directory | FileAttributes.Hidden);
        entry.UnixMode.Should().Be(UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit | UnixFileMode.UserRead | UnixFileMode.OtherExecute);
        entry.CreationTimeUtc.Should().Be(Created);
        entry.LastAccessTimeUtc.Should().Be(Created.AddDays(1));
        entry.LastWriteTimeUtc.Should().Be(Created.AddDays(2));
        entry.LinkTarget.Should().Be("target");
        entry.IsOpaque.Should().BeTrue();
        entry.Redirect.Should().Be("/origin");
        entry.Metadata.Should().Be(new EntryMetadata(entry.Attributes, entry.UnixMode, Created, Created.AddDays(1), Created.AddDays(2)));
    }

    [Test]
    public void ACopy_ThatSetsAMember_LeavesTheOriginalAlone()
    {
        var original = Full();

        var copy = original with { LinkTarget = "other", Redirect = null };

        copy.LinkTarget.Should().Be("other");
        copy.Redirect.Should().BeNull();
        original.LinkTarget.Should().Be("target");
        original.Redirect.Should().Be("/origin");
    }

    [Test]
    public void Equality_IsByValue()
    {
        Full().Should().Be(Full());
        Full().GetHashCode().Should().Be(Full().GetHashCode());
        (Full() with { IsOpaque = false }).Should().NotBe(Full());
        (Full() with { LinkTarget = null }).Should().NotBe(Full());
        (Full() with { UnixMode = UnixFileMode.UserRead }).Should().NotBe(Full());
        new BranchEntry { Name = "a", Kind = EntryKind.File }.Should().Be(new BranchEntry { Name = "a", Kind = EntryKind.File });
    }

    [Test]
    public void AnEntryWithoutRareMembers_HasNone()
    {
        var entry = new BranchEntry { Name = "f", Kind = EntryKind.File, LinkTarget = null, Redirect = null };

        entry.LinkTarget.Should().BeNull();
        entry.Redirect.Should().BeNull();
        entry.ToString().Should().Contain("Name = f");
    }
}
