using UnionFs.Conformance.Tests.Infrastructure;
using static UnionFs.Conformance.Tests.Infrastructure.Matrix;

namespace UnionFs.Conformance.Tests.Members;

/// <summary>
/// <see cref="IPath"/>, <see cref="IFileVersionInfoFactory"/> and <see cref="IDriveInfoFactory"/> against every
/// kind of path argument: full and relative paths resolve against the file system's own current directory.
/// </summary>
public class PathMemberTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    private static readonly Operation[] Operations =
    [
        Op("Path.GetFullPath", (s, p) => s.FileSystem.Path.GetFullPath(p!)),
        Op("Path.GetFullPath(base)", (s, p) => s.FileSystem.Path.GetFullPath(p!, s.At("d"))),
        Op("Path.GetRelativePath(from root)", (s, p) => s.FileSystem.Path.GetRelativePath(s.Root, p!)),
        Op("Path.GetRelativePath(to root)", (s, p) => s.FileSystem.Path.GetRelativePath(p!, s.Root)),
        Op("Path.GetRelativePath after cd", (s, p) => { s.FileSystem.Directory.SetCurrentDirectory(s.At("d")); return s.FileSystem.Path.GetRelativePath("..", p!); }),
        Op("Path.GetFullPath after cd", (s, p) => { s.FileSystem.Directory.SetCurrentDirectory(s.At("d")); return s.FileSystem.Path.GetFullPath(p!); }),
        Op("Path.Exists", (s, p) => s.FileSystem.Path.Exists(p)),
        Op("Path.GetFileName", (s, p) => s.FileSystem.Path.GetFileName(p)),
        Op("Path.GetExtension", (s, p) => s.FileSystem.Path.GetExtension(p)),
        Op("Path.GetDirectoryName", (s, p) => s.FileSystem.Path.GetDirectoryName(p)),
        Op("Path.IsPathRooted", (s, p) => s.FileSystem.Path.IsPathRooted(p)),
        Op("Path.GetPathRoot", (s, p) => s.FileSystem.Path.GetPathRoot(p)),
        Op("FileVersionInfo.GetVersionInfo", (s, p) => s.FileSystem.FileVersionInfo.GetVersionInfo(p!)),
        Op("DriveInfo.New", (s, p) => s.FileSystem.DriveInfo.New(p!).Name),
    ];

    /// <summary>The cases.</summary>
    public static IEnumerable<TestCaseData> Cases => Matrix.Of("Path", Operations);

    [TestCaseSource(nameof(Cases))]
    public void Member_ShouldAnswerAsTheRealFileSystem(Func<Subject, object?> act) => AssertConforms(act);
}
