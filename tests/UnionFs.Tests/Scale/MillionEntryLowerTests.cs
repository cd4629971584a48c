using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Scale;

/// <summary>
/// A lower of <see cref="ScaleBudget.LowerEntries"/> entries (1,000 directories of files, a million entries in all),
/// built straight through <see cref="IBranch"/> calls: looked up, listed with patterns, counted, a subtree deleted,
/// the change listed; the lower hashes the same at the end and no write reached it.
/// </summary>
[NonParallelizable]
public class MillionEntryLowerTests
{
    private const int FilesPerDirectory = 1_000;

    private static readonly EntryMetadata FileMetadata = EntryMetadata.NewFile(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    private static readonly EntryMetadata DirectoryMetadata = EntryMetadata.NewDirectory(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    private MemoryBranch _lower = null!;
    private int _directories;

    [OneTimeSetUp]
    public void BuildLower()
    {
        _directories = ScaleBudget.LowerEntries / (FilesPerDirectory + 1);
        _lower = new MemoryBranch();
        for (var d = 0; d < _directories; d++)
        {
            var directory = $"/d{d:D4}";
            _lower.CreateDirectory(directory, DirectoryMetadata, opaque: false);
            for (var f = 0; f < FilesPerDirectory; f++)
            {
                using var content = f == 7 ? new MemoryStream("seven"u8.ToArray()) : null;
                _lower.CreateFile($"{directory}/f{f:D4}", content, FileMetadata);
            }
        }
    }

    [OneTimeTearDown]
    public void DropLower()
    {
        _lower = null!;
        GC.Collect();
    }

    private long Total => (long)_directories * (FilesPerDirectory + 1);

    [Test]
    public void MillionEntryLower_ShouldBeLookedUpListedCountedAndDeletedFrom_AndStayUnchanged()
    {
        var before = BranchFingerprint.Of(_lower);
        before.Entries.Should().Be(Total);
        var guard = new GuardedBranch(_lower, "big");
        var fs = new UnionFileSystem(new MemoryBranch(), guard);
        var last = $"/d{_directories - 1:D4}";

        fs.File.Exists(last + "/f0999").Should().BeTrue();
        fs.File.ReadAllText("/d0000/f0007").Should().Be("seven");
        fs.File.Exists("/d0000/f1000").Should().BeFalse();
        fs.Directory.GetFiles(last, "f09?9").Should().HaveCount(10);
        fs.Directory.EnumerateFiles("/", "f0007", SearchOption.AllDirectories).Count().Should().Be(_directories);
        fs.Directory.EnumerateFileSystemEntries("/", "*", SearchOption.AllDirectories).LongCount().Should().Be(Total);

        fs.Directory.Delete("/d0001", recursive: true);
        fs.File.AppendAllText("/d0002/f0007", "+");

        fs.Directory.Exists("/d0001").Should().BeFalse();
        fs.File.ReadAllText("/d0002/f0007").Should().Be("seven+");
        fs.Directory.EnumerateFileSystemEntries("/", "*", SearchOption.AllDirectories).LongCount().Should().Be(Total - FilesPerDirectory - 1);
        fs.GetChanges().Select(c => c.ToString()).Should().Equal("D /d0001", "C /d0002", "C /d0002/f0007");
        guard.Violations.Should().BeEmpty();
        BranchFingerprint.Of(_lower).Should().Be(before, "the lower never changes");
    }

    [Test]
    public void MillionEntryLower_ManyUnionsOverIt_ShouldShareWhatTheyLearn()
    {
        var first = new UnionFileSystem(new MemoryBranch(), _lower);
        first.Directory.EnumerateFileSystemEntries("/d0003").Count().Should().Be(FilesPerDirectory);

        var unions = Enumerable.Range(0, 100).Select(_ => new UnionFileSystem(new MemoryBranch(), _lower)).ToList();
        foreach (var union in unions)
        {
            union.File.WriteAllText("/d0003/mine", "mine");
            union.Directory.GetFiles("/d0003").Should().HaveCount(FilesPerDirectory + 1);
        }

        unions.Should().OnlyContain(u => u.File.ReadAllText("/d0003/mine") == "mine");
        first.File.Exists("/d0003/mine").Should().BeFalse("each union has its own upper");
    }
}
