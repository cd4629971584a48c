namespace UnionFs.Cli;

/// <summary>An error the tool reports as one line on stderr, with the exit code it carries.</summary>
internal class CliException : Exception
{
    public CliException()
        : this(ExitCodes.IoError, "An error occurred.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.IoError, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.IoError;
    }

    public CliException(int exitCode, string message)
        : base(message) => ExitCode = exitCode;

    /// <summary>The process exit code (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; }

    /// <summary>A wrong command line (exit code 1).</summary>
    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    /// <summary>A missing path, layer or image, or invalid input (exit code 2).</summary>
    public static CliException NotFound(string message) => new(ExitCodes.NotFound, message);
}
