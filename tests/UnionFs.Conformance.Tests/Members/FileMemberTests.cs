using System.Text;
using UnionFs.Conformance.Tests.Infrastructure;
using static UnionFs.Conformance.Tests.Infrastructure.Matrix;

namespace UnionFs.Conformance.Tests.Members;

/// <summary>Every <see cref="IFile"/> member against every kind of path argument, the real file system as the oracle.</summary>
public class FileMemberTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    private static readonly DateTime Fixed = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    // UTF-8 that throws on text it cannot encode, instead of writing a replacement character.
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    private static readonly Operation[] Operations =
    [
        Op("Exists", (s, p) => s.FileSystem.File.Exists(p)),
        Op("ReadAllText", (s, p) => s.FileSystem.File.ReadAllText(p!)),
        Op("ReadAllText(ASCII)", (s, p) => s.FileSystem.File.ReadAllText(p!, Encoding.ASCII)),
        Op("ReadAllBytes", (s, p) => s.FileSystem.File.ReadAllBytes(p!)),
        Op("ReadAllLines", (s, p) => s.FileSystem.File.ReadAllLines(p!)),
        Op("ReadLines", (s, p) => s.FileSystem.File.ReadLines(p!).ToList()),
        Op("WriteAllText", (s, p) => { s.FileSystem.File.WriteAllText(p!, "new"); return s.FileSystem.File.ReadAllText(p!); }),
        Op("WriteAllText(UTF-32, long)", (s, p) => { s.FileSystem.File.WriteAllText(p!, new string('\u00e9', 700), Encoding.UTF32); return s.FileSystem.File.ReadAllBytes(p!); }),
        Op("WriteAllText(empty, UTF-8 with preamble)", (s, p) => { s.FileSystem.File.WriteAllText(p!, "", new UTF8Encoding(true)); return s.FileSystem.File.ReadAllBytes(p!); }),
        Op("WriteAllText(lone surrogate, throwing encoder)", (s, p) => { s.FileSystem.File.WriteAllText(p!, "a\ud800b", StrictUtf8); return s.FileSystem.File.ReadAllBytes(p!); }),
        Op("WriteAllBytes", (s, p) => { s.FileSystem.File.WriteAllBytes(p!, [1, 2, 3]); return s.FileSystem.File.ReadAllBytes(p!); }),
        Op("WriteAllLines", (s, p) => { s.FileSystem.File.WriteAllLines(p!, ["a", "b"]); return s.FileSystem.File.ReadAllText(p!); }),
        Op("AppendAllText", (s, p) => { s.FileSystem.File.AppendAllText(p!, "+more"); return s.FileSystem.File.ReadAllText(p!); }),
        Op("AppendAllLines", (s, p) => { s.FileSystem.File.AppendAllLines(p!, ["x"]); return s.FileSystem.File.ReadAllText(p!); }),
        Do("Delete", (s, p) => s.FileSystem.File.Delete(p!)),
        Op("GetAttributes", (s, p) => s.FileSystem.File.GetAttributes(p!)),
        Op("SetAttributes(ReadOnly)", (s, p) => { s.FileSystem.File.SetAttributes(p!, FileAttributes.ReadOnly); return s.FileSystem.File.GetAttributes(p!); }),
        Op("SetAttributes(Normal)", (s, p) => { s.FileSystem.File.SetAttributes(p!, FileAttributes.Normal); return s.FileSystem.File.GetAttributes(p!); }),
        Op("GetUnixFileMode", (s, p) => s.FileSystem.File.GetUnixFileMode(p!)),
        Op("SetUnixFileMode", (s, p) => { s.FileSystem.File.SetUnixFileMode(p!, UnixFileMode.UserRead | UnixFileMode.UserWrite); return s.FileSystem.File.GetUnixFileMode(p!); }),
        Op("GetCreationTime", (s, p) => s.FileSystem.File.GetCreationTime(p!)),
        Op("GetLastAccessTimeUtc", (s, p) => s.FileSystem.File.GetLastAccessTimeUtc(p!)),
        Op("GetLastWriteTime", (s, p) => s.FileSystem.File.GetLastWriteTime(p!)),
        Op("SetLastWriteTimeUtc", (s, p) => { s.FileSystem.File.SetLastWriteTimeUtc(p!, Fixed); return s.FileSystem.File.GetLastWriteTimeUtc(p!) == Fixed; }),
        Op("SetLastAccessTime", (s, p) => { s.FileSystem.File.SetLastAccessTime(p!, Fixed.ToLocalTime()); return s.FileSystem.File.GetLastAccessTimeUtc(p!) == Fixed; }),
        Op("SetCreationTimeUtc", (s, p) => { s.FileSystem.File.SetCreationTimeUtc(p!, Fixed); return "set"; }),
        Op("Create", (s, p) => Describe(s.FileSystem.File.Create(p!))),
        Op("OpenRead", (s, p) => Describe(s.FileSystem.File.OpenRead(p!))),
        Op("OpenWrite", (s, p) => Describe(s.FileSystem.File.OpenWrite(p!))),
        Op("OpenText", (s, p) => { using var reader = s.FileSystem.File.OpenText(p!); return reader.ReadToEnd(); }),
        Op("CreateText", (s, p) => { using (var writer = s.FileSystem.File.CreateText(p!)) writer.Write("text"); return s.FileSystem.File.ReadAllText(p!); }),
        Op("AppendText", (s, p) => { using (var writer = s.FileSystem.File.AppendText(p!)) writer.Write("+tail"); return s.FileSystem.File.ReadAllText(p!); }),
        Op("Open(Open,Read)", (s, p) => Describe(s.FileSystem.File.Open(p!, FileMode.Open, FileAccess.Read))),
        Op("Open(Open,ReadWrite)", (s, p) => Describe(s.FileSystem.File.Open(p!, FileMode.Open, FileAccess.ReadWrite))),
        Op("Open(OpenOrCreate,Read)", (s, p) => Describe(s.FileSystem.File.Open(p!, FileMode.OpenOrCreate, FileAccess.Read))),
        Op("Open(OpenOrCreate,Write)", (s, p) => Describe(s.FileSystem.File.Open(p!, FileMode.OpenOrCreate, FileAccess.Write))),
        Op("Open(Create,Write)", (s, p) => Describe(s.FileSystem.File.Open(p!, FileMode.Create, FileAccess.Write))),
        Op("Open(CreateNew,ReadWrite)", (s, p) => Describe(s.FileSystem.File.Open(p!, FileMode.CreateNew, FileAccess.ReadWrite))),
        Op("Open(Truncate,Write)", (s, p) => Describe(s.FileSystem.File.Open(p!, FileMode.Truncate, FileAccess.Write))),
        Op("Open(Append,Write)", (s, p) => Describe(s.FileSystem.File.Open(p!, FileMode.Append, FileAccess.Write))),
        Op("Open(Append,Read)", (s, p) => Describe(s.FileSystem.File.Open(p!, FileMode.Append, FileAccess.Read))),
        Op("Open(Create,Read)", (s, p) => Describe(s.FileSystem.File.Open(p!, FileMode.Create, FileAccess.Read))),
        Op("Open(options)", (s, p) => Describe(s.FileSystem.File.Open(p!, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Options = FileOptions.Asynchronous }))),
        Op("Copy(from)", (s, p) => { s.FileSystem.File.Copy(p!, s.At("copy.txt")); return s.FileSystem.File.ReadAllText(s.At("copy.txt")); }),
        Op("Copy(to)", (s, p) => { s.FileSystem.File.Copy(s.At("g.txt"), p!); return s.FileSystem.File.ReadAllText(p!); }),
        Op("Copy(to,overwrite)", (s, p) => { s.FileSystem.File.Copy(s.At("g.txt"), p!, overwrite: true); return s.FileSystem.File.ReadAllText(p!); }),
        Do("Move(from)", (s, p) => s.FileSystem.File.Move(p!, s.At("moved.txt"))),
        Do("Move(to)", (s, p) => s.FileSystem.File.Move(s.At("g.txt"), p!)),
        Do("Move(to,overwrite)", (s, p) => s.FileSystem.File.Move(s.At("g.txt"), p!, overwrite: true)),
        Do("Replace(to)", (s, p) => s.FileSystem.File.Replace(s.At("g.txt"), p!, null)),
        Do("Replace(from)", (s, p) => s.FileSystem.File.Replace(p!, s.At("g.txt"), s.At("backup.txt"))),
        Op("CreateSymbolicLink", (s, p) => s.FileSystem.File.CreateSymbolicLink(p!, "f.txt")),
        Op("ResolveLinkTarget", (s, p) => s.FileSystem.File.ResolveLinkTarget(p!, returnFinalTarget: false)),
        Op("ResolveLinkTarget(final)", (s, p) => s.FileSystem.File.ResolveLinkTarget(p!, returnFinalTarget: true)),
        Op("ReadAllTextAsync", (s, p) => s.FileSystem.File.ReadAllTextAsync(p!).GetAwaiter().GetResult()),
        Op("ReadAllBytesAsync", (s, p) => s.FileSystem.File.ReadAllBytesAsync(p!).GetAwaiter().GetResult()),
        Op("WriteAllTextAsync", (s, p) => { s.FileSystem.File.WriteAllTextAsync(p!, "async").GetAwaiter().GetResult(); return s.FileSystem.File.ReadAllText(p!); }),
        Op("AppendAllTextAsync", (s, p) => { s.FileSystem.File.AppendAllTextAsync(p!, "+async").GetAwaiter().GetResult(); return s.FileSystem.File.ReadAllText(p!); }),
        Op("ReadAllLinesAsync", (s, p) => s.FileSystem.File.ReadAllLinesAsync(p!).GetAwaiter().GetResult()),
    ];

    /// <summary>The cases.</summary>
    public static IEnumerable<TestCaseData> Cases => Matrix.Of("File", Operations);

    [TestCaseSource(nameof(Cases))]
    public void Member_ShouldAnswerAsTheRealFileSystem(Func<Subject, object?> act) => AssertConforms(act);
}
