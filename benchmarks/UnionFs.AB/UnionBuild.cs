using System.IO.Abstractions;
using System.Reflection;
using System.Runtime.Loader;

namespace UnionFs.AB;

/// <summary>
/// One build of UnionFs.dll, loaded in a context of its own so two builds live in one process. Only UnionFs itself
/// comes from the build's folder; System.IO.Abstractions is shared, so both hand out the same IFileSystem type.
/// </summary>
internal sealed class UnionBuild : AssemblyLoadContext
{
    private readonly string _dll;
    private readonly ConstructorInfo _union;
    private readonly Type _memoryBranch;
    private readonly Type _branch;
    private readonly ConstructorInfo _directoryBranch;

    public UnionBuild(string label, string dll)
        : base(label)
    {
        _dll = Path.GetFullPath(dll);
        if (!File.Exists(_dll)) throw new FileNotFoundException($"no UnionFs.dll at {_dll}", _dll);
        Label = label;
        var assembly = LoadFromAssemblyPath(_dll);
        _branch = assembly.GetType("UnionFs.IBranch", throwOnError: true)!;
        _memoryBranch = assembly.GetType("UnionFs.MemoryBranch", throwOnError: true)!;
        _union = assembly.GetType("UnionFs.UnionFileSystem", throwOnError: true)!
            .GetConstructor([_branch, _branch.MakeArrayType()])
            ?? throw new MissingMethodException("UnionFileSystem(IBranch, params IBranch[]) is missing from " + _dll);
        // DirectoryBranch(IFileSystem, string, WhiteoutFormat = Oci): the format's default is passed as the parameter's own.
        _directoryBranch = assembly.GetType("UnionFs.DirectoryBranch", throwOnError: true)!.GetConstructors()
            .FirstOrDefault(c => c.GetParameters() is [{ } fs, { } root, ..] && fs.ParameterType == typeof(IFileSystem) && root.ParameterType == typeof(string))
            ?? throw new MissingMethodException("DirectoryBranch(IFileSystem, string, ...) is missing from " + _dll);
    }

    /// <summary>A or B, as printed.</summary>
    public string Label { get; }

    /// <summary>A new, empty <c>MemoryBranch</c> of this build.</summary>
    public object NewMemoryBranch() => Activator.CreateInstance(_memoryBranch)!;

    /// <summary>A new <c>DirectoryBranch</c> of this build over <paramref name="root"/> on the real disk.</summary>
    public object NewDirectoryBranch(string root) =>
        _directoryBranch.Invoke([new FileSystem(), root, .. _directoryBranch.GetParameters().Skip(2).Select(p => p.DefaultValue)]);

    /// <summary><c>new UnionFileSystem(upper, lowers)</c> of this build.</summary>
    public IFileSystem NewUnion(object upper, params object[] lowers)
    {
        var array = Array.CreateInstance(_branch, lowers.Length);
        for (var i = 0; i < lowers.Length; i++) array.SetValue(lowers[i], i);
        return (IFileSystem)_union.Invoke([upper, array]);
    }

    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name == "UnionFs" ? LoadFromAssemblyPath(_dll) : null;
}
