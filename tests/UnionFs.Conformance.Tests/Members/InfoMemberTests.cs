using UnionFs.Conformance.Tests.Infrastructure;
using static UnionFs.Conformance.Tests.Infrastructure.Matrix;

namespace UnionFs.Conformance.Tests.Members;

/// <summary>
/// <see cref="IFileInfo"/>, <see cref="IDirectoryInfo"/> and their factories against every kind of path
/// argument: the path as the caller wrote it (ToString, Name, FullName with its trailing separator,
/// Extension), the cached state, and each method.
/// </summary>
public class InfoMemberTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    private static readonly Operation[] FileInfoOperations =
    [
        Op("New", (s, p) => s.FileSystem.FileInfo.New(p!)),
        Op("Length", (s, p) => s.FileSystem.FileInfo.New(p!).Length),
        Op("IsReadOnly", (s, p) => s.FileSystem.FileInfo.New(p!).IsReadOnly),
        Op("Attributes", (s, p) => s.FileSystem.FileInfo.New(p!).Attributes),
        // The real side asks System.IO itself: the abstractions' wrapper (22.3.0) answers None for every file.
        Op("UnixFileMode", (s, p) => s.IsReal ? new FileInfo(p!).UnixFileMode : s.FileSystem.FileInfo.New(p!).UnixFileMode),
        Op("Directory", (s, p) => s.FileSystem.FileInfo.New(p!).Directory),
        Op("Delete", (s, p) => { var info = s.FileSystem.FileInfo.New(p!); info.Delete(); return info.Exists; }),
        Op("Delete+Refresh", (s, p) => { var info = s.FileSystem.FileInfo.New(p!); _ = info.Exists; info.Delete(); info.Refresh(); return info.Exists; }),
        Op("CopyTo", (s, p) => s.FileSystem.FileInfo.New(p!).CopyTo("copied.txt")),
        Op("MoveTo", (s, p) => { var info = s.FileSystem.FileInfo.New(p!); info.MoveTo("moved.txt"); return info; }),
        Op("Create", (s, p) => { var info = s.FileSystem.FileInfo.New(p!); Describe(info.Create()); return info; }),
        Op("CreateText", (s, p) => { var info = s.FileSystem.FileInfo.New(p!); info.CreateText().Dispose(); return info.Exists; }),
        Op("OpenRead", (s, p) => Describe(s.FileSystem.FileInfo.New(p!).OpenRead())),
        Op("Open(Append)", (s, p) => Describe(s.FileSystem.FileInfo.New(p!).Open(FileMode.Append))),
        Op("Exists after write", (s, p) => { var info = s.FileSystem.FileInfo.New(p!); _ = info.Exists; s.FileSystem.File.WriteAllText(p!, "x"); return info.Exists; }),
        Op("ResolveLinkTarget", (s, p) => s.FileSystem.FileInfo.New(p!).ResolveLinkTarget(returnFinalTarget: false)),
        Op("Wrap", (s, p) => s.FileSystem.FileInfo.Wrap(null)),
    ];

    private static readonly Operation[] DirectoryInfoOperations =
    [
        Op("New", (s, p) => s.FileSystem.DirectoryInfo.New(p!)),
        Op("Attributes", (s, p) => s.FileSystem.DirectoryInfo.New(p!).Attributes),
        Op("Create", (s, p) => { var info = s.FileSystem.DirectoryInfo.New(p!); info.Create(); return info.Exists; }),
        Op("Delete", (s, p) => { var info = s.FileSystem.DirectoryInfo.New(p!); info.Delete(); return info.Exists; }),
        Op("Delete(recursive)", (s, p) => { var info = s.FileSystem.DirectoryInfo.New(p!); info.Delete(recursive: true); return info.Exists; }),
        Op("CreateSubdirectory", (s, p) => s.FileSystem.DirectoryInfo.New(p!).CreateSubdirectory("sub2")),
        Op("GetFiles", (s, p) => s.FileSystem.DirectoryInfo.New(p!).GetFiles().Select(f => f.ToString()).Order(StringComparer.Ordinal).ToList()),
        Op("EnumerateFileSystemInfos(all)", (s, p) => s.FileSystem.DirectoryInfo.New(p!).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Select(Outcome.Render).Order(StringComparer.Ordinal).ToList()),
        Op("GetDirectories", (s, p) => s.FileSystem.DirectoryInfo.New(p!).GetDirectories().Select(Outcome.Render).Order(StringComparer.Ordinal).ToList()),
        Op("MoveTo", (s, p) => { var info = s.FileSystem.DirectoryInfo.New(p!); info.MoveTo("moved"); return info; }),
        Op("Parent", (s, p) => s.FileSystem.DirectoryInfo.New(p!).Parent),
        Op("Root", (s, p) => s.FileSystem.DirectoryInfo.New(p!).Root.FullName),
    ];

    /// <summary>The file info cases.</summary>
    public static IEnumerable<TestCaseData> FileInfoCases => Matrix.Of("FileInfo", FileInfoOperations);

    /// <summary>The directory info cases.</summary>
    public static IEnumerable<TestCaseData> DirectoryInfoCases => Matrix.Of("DirectoryInfo", DirectoryInfoOperations);

    [TestCaseSource(nameof(FileInfoCases))]
    public void FileInfo_ShouldAnswerAsTheRealFileSystem(Func<Subject, object?> act) => AssertConforms(act);

    [TestCaseSource(nameof(DirectoryInfoCases))]
    public void DirectoryInfo_ShouldAnswerAsTheRealFileSystem(Func<Subject, object?> act) => AssertConforms(act);
}
