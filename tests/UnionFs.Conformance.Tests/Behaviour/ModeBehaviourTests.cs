using UnionFs.Conformance.Tests.Infrastructure;

namespace UnionFs.Conformance.Tests.Behaviour;

/// <summary>The mode of what is created: the defaults and the modes asked for, with the process's umask applied.</summary>
public class ModeBehaviourTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    private const UnixFileMode Everything = (UnixFileMode)0x1FF;

    private static readonly (string Name, Func<Subject, string> Act)[] Operations =
    [
        ("new file", s => { s.FileSystem.File.WriteAllText(s.At("n.txt"), "x"); return "n.txt"; }),
        ("new directory", s => { s.FileSystem.Directory.CreateDirectory(s.At("n")); return "n"; }),
        ("new directories", s => { s.FileSystem.Directory.CreateDirectory(s.At("n/m/o")); return "n/m"; }),
        ("directory with mode 0777", s => { s.FileSystem.Directory.CreateDirectory(s.At("n"), Everything); return "n"; }),
        ("directory with mode 0705", s => { s.FileSystem.Directory.CreateDirectory(s.At("n"), (UnixFileMode)Convert.ToInt32("705", 8)); return "n"; }),
        ("file with UnixCreateMode 0777", s =>
        {
            s.FileSystem.File.Open(s.At("n.txt"), new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Everything }).Dispose();
            return "n.txt";
        }),
        ("file with UnixCreateMode 0600", s =>
        {
            s.FileSystem.FileStream.New(s.At("n.txt"), new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }).Dispose();
            return "n.txt";
        }),
        ("existing file with UnixCreateMode", s =>
        {
            s.FileSystem.File.Open(s.At("f.txt"), new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = Everything }).Dispose();
            return "f.txt";
        }),
        ("copied file", s => { s.FileSystem.File.SetUnixFileMode(s.At("f.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); s.FileSystem.File.Copy(s.At("f.txt"), s.At("n.txt")); return "n.txt"; }),
        #pragma warning disable CS0618 // the insecure creator is still part of IPath, and still creates a file
        ("temp file", s => { var name = s.FileSystem.Path.GetTempFileName(); var mode = s.FileSystem.File.GetUnixFileMode(name); s.FileSystem.File.Delete(name); return "mode " + mode; }),
#pragma warning restore CS0618
    ];

    /// <summary>The cases.</summary>
    public static IEnumerable<TestCaseData> Cases => Operations.Select(o => new TestCaseData(o.Act).SetName($"Mode({o.Name})"));

    [TestCaseSource(nameof(Cases))]
    public void Created_ShouldHaveTheModeTheRealFileSystemGives(Func<Subject, string> act) => AssertConforms(s =>
    {
        var made = act(s);
        return made.StartsWith("mode ", StringComparison.Ordinal) ? made : s.FileSystem.File.GetUnixFileMode(s.At(made)).ToString();
    });
}
