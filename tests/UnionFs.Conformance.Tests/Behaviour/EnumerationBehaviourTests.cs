using System.IO.Enumeration;
using UnionFs.Conformance.Tests.Infrastructure;

namespace UnionFs.Conformance.Tests.Behaviour;

/// <summary>
/// Listings with every kind of search pattern and <see cref="EnumerationOptions"/>, from an absolute and a
/// relative directory: the names (as a set: no order is promised), their spelling, and the exceptions.
/// </summary>
public class EnumerationBehaviourTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    private static readonly string[] Patterns =
        ["*", "*.*", "*.txt", "?.txt", "*.", ".", "..", "*t", "F*", "c?txt", "sub/*", "d/*.txt", "../*", "a\0b", "", " ", "**", "*.TXT", "x*y"];

    private static readonly string[] Directories = ["{R}", ".", "d", "{R}/d/", "ld"];

    private static readonly (string Name, EnumerationOptions Options)[] Options =
    [
        ("defaults", new EnumerationOptions()),
        ("recursive", new EnumerationOptions { RecurseSubdirectories = true }),
        ("recursive depth 1", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1 }),
        ("case-insensitive", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive }),
        ("simple matching", new EnumerationOptions { MatchType = MatchType.Simple }),
        ("special directories", new EnumerationOptions { ReturnSpecialDirectories = true, RecurseSubdirectories = true }),
        ("skip nothing", new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = true }),
        ("skip reparse points", new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint, RecurseSubdirectories = true }),
    ];

    private static void Build(IFileSystem fs, string root)
    {
        StandardTree.Build(fs, root);
        fs.File.WriteAllText(root + "/d/.hidden", "h");
        fs.File.WriteAllText(root + "/d/sub/deep.txt", "deep");
        fs.File.WriteAllText(root + "/d/noext", "n");
        fs.File.WriteAllText(root + "/d/C.TXT", "upper");
    }

    /// <summary>The pattern cases.</summary>
    public static IEnumerable<TestCaseData> PatternCases =>
        from directory in Directories
        from pattern in Patterns
        select new TestCaseData(directory, pattern).SetName($"Pattern({directory.Replace("{R}", "R", StringComparison.Ordinal)}, '{pattern.Replace("\0", "\\0", StringComparison.Ordinal)}')");

    /// <summary>The option cases.</summary>
    public static IEnumerable<TestCaseData> OptionCases =>
        from directory in Directories
        from option in Options
        select new TestCaseData(directory, option.Options).SetName($"Options({directory.Replace("{R}", "R", StringComparison.Ordinal)}, {option.Name})");

    private static string Directory(Subject s, string directory) => directory.Replace("{R}", s.Root, StringComparison.Ordinal);

    [TestCaseSource(nameof(PatternCases))]
    public void Pattern_ShouldListWhatTheRealFileSystemLists(string directory, string pattern) => AssertConforms(
        s => s.FileSystem.Directory.EnumerateFileSystemEntries(Directory(s, directory), pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList(),
        Build);

    [TestCaseSource(nameof(OptionCases))]
    public void Options_ShouldListWhatTheRealFileSystemLists(string directory, EnumerationOptions options) => AssertConforms(
        s => s.FileSystem.Directory.EnumerateFiles(Directory(s, directory), "*", options).Order(StringComparer.Ordinal).ToList(),
        Build);

    [TestCaseSource(nameof(OptionCases))]
    public void DirectoryInfoOptions_ShouldListWhatTheRealFileSystemLists(string directory, EnumerationOptions options) => AssertConforms(
        s => s.FileSystem.DirectoryInfo.New(Directory(s, directory)).EnumerateFileSystemInfos("*", options).Select(Outcome.Render).Order(StringComparer.Ordinal).ToList(),
        Build);

    [Test]
    public void BadPattern_ShouldThrowBeforeTheDirectoryIsLookedAt() => AssertConforms(
        s => s.FileSystem.Directory.EnumerateFiles(s.At("missing"), "a\0b"));

    [Test]
    public void NullPattern_ShouldThrow() => AssertConforms(s => s.FileSystem.Directory.GetFiles(s.Root, null!));

    [Test]
    public void BadSearchOption_ShouldThrow() => AssertConforms(s => s.FileSystem.Directory.GetFiles(s.Root, "*", (SearchOption)7));

    [Test]
    public void MissingDirectory_ShouldThrowAtTheCall_NotAtTheFirstMoveNext() => AssertConforms(s =>
    {
        try
        {
            var listing = s.FileSystem.Directory.EnumerateFiles(s.At("missing"));
            return "deferred: " + Outcome.RenderException(Record.Exception(() => listing.GetEnumerator().MoveNext())!);
        }
        catch (DirectoryNotFoundException e)
        {
            return "at the call: " + Outcome.RenderException(e);
        }
    });

    /// <summary>What an action throws, or null.</summary>
    private static class Record
    {
        public static Exception? Exception(Action action)
        {
            try
            {
                action();
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        }
    }
}
