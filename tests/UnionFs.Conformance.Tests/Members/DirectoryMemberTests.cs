using UnionFs.Conformance.Tests.Infrastructure;
using static UnionFs.Conformance.Tests.Infrastructure.Matrix;

namespace UnionFs.Conformance.Tests.Members;

/// <summary>Every <see cref="IDirectory"/> member against every kind of path argument, the real file system as the oracle.</summary>
public class DirectoryMemberTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    private static readonly DateTime Fixed = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    /// <summary>A listing as a set: neither System.IO nor POSIX promise an order.</summary>
    private static List<string> Sorted(IEnumerable<string> names) => names.Order(StringComparer.Ordinal).ToList();

    private static readonly Operation[] Operations =
    [
        Op("Exists", (s, p) => s.FileSystem.Directory.Exists(p)),
        Op("CreateDirectory", (s, p) => s.FileSystem.Directory.CreateDirectory(p!)),
        Op("CreateDirectory(mode)", (s, p) => { s.FileSystem.Directory.CreateDirectory(p!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); return s.FileSystem.File.GetUnixFileMode(p!); }),
        Do("Delete", (s, p) => s.FileSystem.Directory.Delete(p!)),
        Do("Delete(recursive)", (s, p) => s.FileSystem.Directory.Delete(p!, recursive: true)),
        Op("GetFiles", (s, p) => Sorted(s.FileSystem.Directory.GetFiles(p!))),
        Op("GetFiles(*.txt)", (s, p) => Sorted(s.FileSystem.Directory.GetFiles(p!, "*.txt"))),
        Op("GetFiles(all)", (s, p) => Sorted(s.FileSystem.Directory.GetFiles(p!, "*", SearchOption.AllDirectories))),
        Op("GetDirectories", (s, p) => Sorted(s.FileSystem.Directory.GetDirectories(p!))),
        Op("GetFileSystemEntries", (s, p) => Sorted(s.FileSystem.Directory.GetFileSystemEntries(p!))),
        Op("GetFileSystemEntries(dot)", (s, p) => Sorted(s.FileSystem.Directory.GetFileSystemEntries(p!, "."))),
        Op("EnumerateFileSystemEntries(special)", (s, p) => Sorted(s.FileSystem.Directory.EnumerateFileSystemEntries(p!, "*", new EnumerationOptions { ReturnSpecialDirectories = true }))),
        Op("EnumerateFiles(recurse,options)", (s, p) => Sorted(s.FileSystem.Directory.EnumerateFiles(p!, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))),
        Op("EnumerateDirectories(pattern)", (s, p) => Sorted(s.FileSystem.Directory.EnumerateDirectories(p!, "s*", SearchOption.AllDirectories))),
        Op("GetParent", (s, p) => s.FileSystem.Directory.GetParent(p!)),
        Do("Move(from)", (s, p) => s.FileSystem.Directory.Move(p!, s.At("moved"))),
        Do("Move(to)", (s, p) => s.FileSystem.Directory.Move(s.At("e"), p!)),
        Op("SetCurrentDirectory", (s, p) => { s.FileSystem.Directory.SetCurrentDirectory(p!); return s.FileSystem.Directory.GetCurrentDirectory(); }),
        Op("GetDirectoryRoot", (s, p) => s.FileSystem.Directory.GetDirectoryRoot(p!)),
        Op("CreateSymbolicLink", (s, p) => s.FileSystem.Directory.CreateSymbolicLink(p!, "d")),
        Op("ResolveLinkTarget", (s, p) => s.FileSystem.Directory.ResolveLinkTarget(p!, returnFinalTarget: false)),
        Op("ResolveLinkTarget(final)", (s, p) => s.FileSystem.Directory.ResolveLinkTarget(p!, returnFinalTarget: true)),
        Op("GetCreationTimeUtc", (s, p) => s.FileSystem.Directory.GetCreationTimeUtc(p!)),
        Op("GetLastWriteTime", (s, p) => s.FileSystem.Directory.GetLastWriteTime(p!)),
        Op("SetLastWriteTimeUtc", (s, p) => { s.FileSystem.Directory.SetLastWriteTimeUtc(p!, Fixed); return s.FileSystem.Directory.GetLastWriteTimeUtc(p!) == Fixed; }),
        Op("SetLastAccessTime", (s, p) => { s.FileSystem.Directory.SetLastAccessTime(p!, Fixed.ToLocalTime()); return s.FileSystem.Directory.GetLastAccessTimeUtc(p!) == Fixed; }),
    ];

    /// <summary>The cases.</summary>
    public static IEnumerable<TestCaseData> Cases => Matrix.Of("Directory", Operations);

    [TestCaseSource(nameof(Cases))]
    public void Member_ShouldAnswerAsTheRealFileSystem(Func<Subject, object?> act) => AssertConforms(act);
}
