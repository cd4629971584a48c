using System.IO.Abstractions.TestingHelpers;

namespace UnionFs.Tests.CrashSafety;

/// <summary>
/// A user write through an open stream is not atomic (the kernel's is not either): while it runs, the file may
/// hold <see cref="Base"/> followed by any prefix of <see cref="Payload"/>. A view that differs from the step's
/// result only there is a write in flight, not a broken change.
/// </summary>
public sealed record InFlightWrite(string Path, string Base, string Payload);

/// <summary>One public call of a scenario; each one is expected to be atomic on its own.</summary>
public sealed record CrashStep(string Call, Action<IFileSystem> Run, InFlightWrite? InFlight = null);

/// <summary>A named sequence of changes run against <see cref="CrashSeed"/>.</summary>
public sealed record CrashScenario(string Name, IReadOnlyList<CrashStep> Steps)
{
    public override string ToString() => Name;
}

/// <summary>
/// The seeded tree every run starts from, in one <c>MockFileSystem</c>: two lowers and an upper (OCI markers)
/// that already holds changes: a copied-up directory with a modified file and a file whiteout, a whited-out
/// directory, a merged directory with upper-only files, an upper-only directory and an upper-only file.
/// </summary>
public static class CrashSeed
{
    public const string UpperRoot = "/upper";
    public const string Lower1Root = "/lower1";
    public const string Lower2Root = "/lower2";
    public const string WorkArea = UpperRoot + "/" + ".wh..wh..unionfs-work";

    private static readonly (string Root, string[] Specs)[] Tree =
    [
        (Lower1Root,
        [
            "/etc/conf=conf-l1",
            "/etc/passwd=passwd-l1",
            "/etc/removed=removed-l1",
            "/shared/b1=b1",
            "/lowdir1/y=y1",
            "/lowdir1/z=z1",
            "/olddir/f=f1",
        ]),
        (Lower2Root,
        [
            "/etc/conf=conf-l2",
            "/etc/hosts=hosts-l2",
            "/shared/sub/s2=s2",
            "/lowdir2/x=x2",
            "/lowdir2/empty/",
            "/deep/a/b/leaf.txt=leaf",
            "/docs/readme=readme-l2",
        ]),
        (UpperRoot,
        [
            "/etc/passwd=passwd-upper",
            "/etc/.wh.removed=",
            "/.wh.olddir=",
            "/shared/u1=u1",
            "/shared/sub/u2=u2",
            "/updir/p=p",
            "/updir/q/r=r",
            "/uponly.txt=uponly",
        ]),
    ];

    /// <summary>A fresh mock holding the seeded tree (the same every time).</summary>
    public static MockFileSystem Build()
    {
        var mock = new MockFileSystem();
        foreach (var (root, specs) in Tree)
        {
            mock.AddDirectory(root);
            foreach (var spec in specs)
            {
                var equals = spec.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0) mock.AddDirectory(root + spec.TrimEnd('/'));
                else mock.AddFile(root + spec[..equals], new MockFileData(spec[(equals + 1)..]));
            }
        }
        return mock;
    }

    /// <summary>The union of the scenarios: the upper through <paramref name="upperHost"/>, the lowers always through the plain mock.</summary>
    public static UnionFileSystem Open(IFileSystem upperHost, MockFileSystem mock) =>
        new(new DirectoryBranch(upperHost, UpperRoot), new DirectoryBranch(mock, Lower1Root), new DirectoryBranch(mock, Lower2Root));

    /// <summary>Every scenario of issue 3.</summary>
    public static IEnumerable<CrashScenario> Scenarios()
    {
        static CrashScenario One(string name, string call, Action<IFileSystem> run, InFlightWrite? inFlight = null) =>
            new(name, [new CrashStep(call, run, inFlight)]);

        yield return One("WriteNewFileInLowerDirectory", "File.WriteAllText(/lowdir1/new.txt)",
            fs => fs.File.WriteAllText("/lowdir1/new.txt", "new content"),
            new InFlightWrite("/lowdir1/new.txt", string.Empty, "new content"));
        yield return One("OverwriteLowerFile", "File.WriteAllText(/docs/readme)",
            fs => fs.File.WriteAllText("/docs/readme", "rewritten readme"),
            new InFlightWrite("/docs/readme", string.Empty, "rewritten readme"));
        yield return One("AppendToLowerFileInDeepLowerDirectory", "File.AppendAllText(/deep/a/b/leaf.txt)",
            fs => fs.File.AppendAllText("/deep/a/b/leaf.txt", "+appended"),
            new InFlightWrite("/deep/a/b/leaf.txt", "leaf", "+appended"));
        yield return One("DeleteLowerFile", "File.Delete(/lowdir1/y)", fs => fs.File.Delete("/lowdir1/y"));
        yield return One("DeleteCopiedUpFileAlsoBelow", "File.Delete(/etc/passwd)", fs => fs.File.Delete("/etc/passwd"));
        yield return One("DeleteUpperOnlyFile", "File.Delete(/uponly.txt)", fs => fs.File.Delete("/uponly.txt"));
        yield return One("DeleteMergedDirectoryRecursively", "Directory.Delete(/shared, true)", fs => fs.Directory.Delete("/shared", recursive: true));
        yield return One("DeleteLowerDirectoryRecursively", "Directory.Delete(/deep, true)", fs => fs.Directory.Delete("/deep", recursive: true));
        yield return new CrashScenario("RmdirThenMkdirLowerDirectory",
        [
            new CrashStep("File.Delete(/lowdir2/x)", fs => fs.File.Delete("/lowdir2/x")),
            new CrashStep("Directory.Delete(/lowdir2/empty)", fs => fs.Directory.Delete("/lowdir2/empty")),
            new CrashStep("Directory.Delete(/lowdir2)", fs => fs.Directory.Delete("/lowdir2")),
            new CrashStep("Directory.CreateDirectory(/lowdir2)", fs => fs.Directory.CreateDirectory("/lowdir2")),
        ]);
        yield return One("MkdirOverDirectoryWhiteout", "Directory.CreateDirectory(/olddir)", fs => fs.Directory.CreateDirectory("/olddir"));
        yield return One("MoveLowerFileIntoOtherLowerDirectory", "File.Move(/lowdir1/z, /lowdir2/z)", fs => fs.File.Move("/lowdir1/z", "/lowdir2/z"));
        yield return One("MoveLowerFileOverLowerFile", "File.Move(/etc/hosts, /etc/conf, overwrite)",
            fs => fs.File.Move("/etc/hosts", "/etc/conf", overwrite: true));
        yield return One("MoveUpperFileOverCopiedUpFile", "File.Move(/uponly.txt, /etc/passwd, overwrite)",
            fs => fs.File.Move("/uponly.txt", "/etc/passwd", overwrite: true));
        yield return One("MoveLowerDirectory", "Directory.Move(/lowdir1, /moved1)", fs => fs.Directory.Move("/lowdir1", "/moved1"));
        yield return One("MoveMergedDirectory", "Directory.Move(/shared, /docs/shared)", fs => fs.Directory.Move("/shared", "/docs/shared"));
        yield return One("MoveUpperOnlyDirectory", "Directory.Move(/updir, /lowdir2/updir)", fs => fs.Directory.Move("/updir", "/lowdir2/updir"));
        yield return One("MoveUpperOnlyDirectoryOntoWhiteout", "Directory.Move(/updir, /olddir)", fs => fs.Directory.Move("/updir", "/olddir"));
        yield return One("SetLastWriteTimeOfLowerFile", "File.SetLastWriteTimeUtc(/lowdir2/x)",
            fs => fs.File.SetLastWriteTimeUtc("/lowdir2/x", new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc)));
        yield return One("SetUnixFileModeOfLowerFile", "File.SetUnixFileMode(/shared/sub/s2)",
            fs => fs.File.SetUnixFileMode("/shared/sub/s2", UnixFileMode.UserRead | UnixFileMode.UserWrite));
        yield return new CrashScenario("DeleteThenRecreateLowerFile",
        [
            new CrashStep("File.Delete(/etc/conf)", fs => fs.File.Delete("/etc/conf")),
            new CrashStep("File.WriteAllText(/etc/conf)", fs => fs.File.WriteAllText("/etc/conf", "conf-new"),
                new InFlightWrite("/etc/conf", string.Empty, "conf-new")),
        ]);
        yield return One("CreateFileOverFileWhiteout", "File.WriteAllText(/etc/removed)",
            fs => fs.File.WriteAllText("/etc/removed", "back again"),
            new InFlightWrite("/etc/removed", string.Empty, "back again"));
    }
}
