namespace UnionFs.Cli;

/// <summary>The process exit codes of <c>unionfs</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line is wrong: unknown command or option, missing argument, options that do not go together.</summary>
    public const int Usage = 1;

    /// <summary>A path, layer or image does not exist, or the input is invalid (a malformed image, a directory given to <c>cat</c>).</summary>
    public const int NotFound = 2;

    /// <summary>Any other I/O error: permissions, a full disk, a failing read.</summary>
    public const int IoError = 3;

    /// <summary><c>efficiency</c> found more waste than <c>--max-wasted-bytes</c>, <c>--max-wasted-percent</c> or <c>--min-efficiency</c> allow.</summary>
    public const int ThresholdExceeded = 4;
}
