using System.IO.Abstractions;

namespace UnionFs.Facade;

/// <summary>The version information of a union file that carries none: every field empty, as .NET reports for a plain file.</summary>
internal sealed class UnionFileVersionInfo(string fileName) : IFileVersionInfo
{
    public string? Comments => null;
    public string? CompanyName => null;
    public int FileBuildPart => 0;
    public string? FileDescription => null;
    public int FileMajorPart => 0;
    public int FileMinorPart => 0;
    public string FileName => fileName;
    public int FilePrivatePart => 0;
    public string? FileVersion => null;
    public string? InternalName => null;
    public bool IsDebug => false;
    public bool IsPatched => false;
    public bool IsPreRelease => false;
    public bool IsPrivateBuild => false;
    public bool IsSpecialBuild => false;
    public string? Language => null;
    public string? LegalCopyright => null;
    public string? LegalTrademarks => null;
    public string? OriginalFilename => null;
    public string? PrivateBuild => null;
    public int ProductBuildPart => 0;
    public int ProductMajorPart => 0;
    public int ProductMinorPart => 0;
    public string? ProductName => null;
    public int ProductPrivatePart => 0;
    public string? ProductVersion => null;
    public string? SpecialBuild => null;

    public override string ToString() => $"File:             {FileName}";
}
