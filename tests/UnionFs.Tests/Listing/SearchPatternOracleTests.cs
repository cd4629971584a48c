using CsCheck;

namespace UnionFs.Tests.Listing;

/// <summary>
/// Any search pattern, against System.IO itself: the same names in a fresh temporary directory and in a union, the
/// same pattern and options, the same names listed. Patterns are drawn from the characters either match type gives
/// a meaning to (<c>* ? &lt; &gt; "</c>, the escape <c>\</c>, dots) and letters of both cases, so the suffix patterns
/// a listing answers without <see cref="System.IO.Enumeration.FileSystemName"/> (<c>*.txt</c>) meet every neighbour.
/// </summary>
public class SearchPatternOracleTests
{
    private static readonly string[] Names =
    [
        "a.txt", "b.TXT", "ab.txt", ".txt", "txt", "a.txt.bak", "x.tx", "a", "A", ".hidden", "a.b.c", "..a", "a.", "c\\d",
        "q?.txt", "star*.txt", "lt<.txt", "quote\".txt", "noext", "a.TxT",
    ];

    private string _real = null!;
    private UnionFileSystem _union = null!;

    [OneTimeSetUp]
    public void CreateBoth()
    {
        _real = Directory.CreateTempSubdirectory("unionfs-patterns-").FullName;
        _union = new UnionFileSystem(new MemoryBranch());
        _union.Directory.CreateDirectory("/d/sub");
        Directory.CreateDirectory(Path.Join(_real, "sub"));
        foreach (var name in Names)
        {
            File.WriteAllText(Path.Join(_real, name), name);
            File.WriteAllText(Path.Join(_real, "sub", name), name);
            _union.File.WriteAllText("/d/" + name, name);
            _union.File.WriteAllText("/d/sub/" + name, name);
        }
    }

    [OneTimeTearDown]
    public void RemoveRealDirectory() => Directory.Delete(_real, recursive: true);

    [Test]
    public void AnyPattern_ShouldListWhatSystemIOLists()
    {
        var pieces = Gen.OneOf<string>("*", "?", "<", ">", "\"", "\\", ".", "txt", "TXT", "a", "A", "t", ".txt", "*.txt", "*.*");
        var patterns = pieces.Array[1, 4].Select(parts => string.Concat(parts));
        var options = Gen.Select(Gen.Bool, Gen.OneOf(Gen.Const(MatchCasing.CaseSensitive), Gen.Const(MatchCasing.CaseInsensitive), Gen.Const(MatchCasing.PlatformDefault)), Gen.Bool,
            (win32, casing, recurse) => new EnumerationOptions
            {
                MatchType = win32 ? MatchType.Win32 : MatchType.Simple,
                MatchCasing = casing,
                RecurseSubdirectories = recurse,
                AttributesToSkip = 0,
            });

        Gen.Select(patterns, options).Sample((pattern, option) =>
        {
            var expected = Directory.EnumerateFileSystemEntries(_real, pattern, option).Select(p => p[_real.Length..]).Order(StringComparer.Ordinal).ToArray();
            var actual = _union.Directory.EnumerateFileSystemEntries("/d", pattern, option).Select(p => p["/d".Length..]).Order(StringComparer.Ordinal).ToArray();
            return expected.SequenceEqual(actual);
        }, iter: 2_000, print: t => $"pattern '{t.Item1}', {t.Item2.MatchType}, {t.Item2.MatchCasing}, recurse {t.Item2.RecurseSubdirectories}");
    }

    [TestCase("*.txt")]
    [TestCase("*.TXT")]
    [TestCase("*txt")]
    [TestCase("*.txt.bak")]
    [TestCase("*\\d")]
    [TestCase("*?.txt")]
    [TestCase("*\".txt")]
    [TestCase("")]
    [TestCase(".")]
    [TestCase("*.*")]
    [TestCase("c\\d")]
    [TestCase("quote\".txt")]
    [TestCase("lt<.txt")]
    [TestCase("a?txt")]
    public void Patterns_ShouldListWhatSystemIOLists_InEveryMatchTypeAndCasing(string pattern)
    {
        foreach (var type in new[] { MatchType.Win32, MatchType.Simple })
        foreach (var casing in new[] { MatchCasing.CaseSensitive, MatchCasing.CaseInsensitive })
        {
            var option = new EnumerationOptions { MatchType = type, MatchCasing = casing, AttributesToSkip = 0 };

            var expected = Directory.EnumerateFiles(_real, pattern, option).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            var actual = _union.Directory.EnumerateFiles("/d", pattern, option).Select(Path.GetFileName).Order(StringComparer.Ordinal);

            actual.Should().Equal(expected, $"{pattern} as {type}, {casing}");
        }
    }
}
