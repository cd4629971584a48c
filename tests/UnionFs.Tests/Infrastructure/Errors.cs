namespace UnionFs.Tests.Infrastructure;

/// <summary>HResults System.IO reports on Linux (see OVERLAYFS.md).</summary>
public static class HResults
{
    public const int FileNotFound = unchecked((int)0x80070002);
    public const int DirectoryNotFound = unchecked((int)0x80070003);
    public const int AccessDenied = unchecked((int)0x80070005);
    public const int SharingViolation = 0x0B;
    public const int Exists = 0x11;
    public const int CrossDevice = 0x12;
    public const int IsADirectory = 0x15;
    public const int InvalidArgument = 0x16;
    public const int ReadOnlyFileSystem = 0x1E;
    public const int NotEmpty = 0x27;
    public const int Loop = 0x28;
    public const int DotNetIo = unchecked((int)0x80131620);
}

/// <summary>Exception assertions: the exact type, the HResult and the union path in the message.</summary>
public static class Expect
{
    public static TException Exactly<TException>(Action action, int hresult, string? pathInMessage)
        where TException : Exception
    {
        var exception = action.Should().ThrowExactly<TException>().Which;
        exception.HResult.Should().Be(hresult, "HResult of {0}: {1}", typeof(TException).Name, exception.Message);
        if (pathInMessage is not null) exception.Message.Should().Contain(pathInMessage);
        return exception;
    }

    public static FileNotFoundException FileNotFound(Action action, string path) =>
        Exactly<FileNotFoundException>(action, HResults.FileNotFound, path);

    public static DirectoryNotFoundException DirectoryNotFound(Action action, string path) =>
        Exactly<DirectoryNotFoundException>(action, HResults.DirectoryNotFound, path);

    public static UnauthorizedAccessException AccessDenied(Action action, string path) =>
        Exactly<UnauthorizedAccessException>(action, HResults.AccessDenied, path);

    public static IOException Io(Action action, int hresult, string? path) =>
        Exactly<IOException>(action, hresult, path);
}
