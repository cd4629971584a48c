using UnionFs.Cli.Commands;

namespace UnionFs.Cli;

/// <summary>Turns an exception into the tool's exit code and its one-line message.</summary>
internal static class ErrorReport
{
    /// <summary>The exit code for <paramref name="exception"/>.</summary>
    public static int ExitCode(Exception exception) => exception switch
    {
        CliException cli => cli.ExitCode,
        InvalidImageException => ExitCodes.NotFound,
        RegistryException { StatusCode: System.Net.HttpStatusCode.NotFound } => ExitCodes.NotFound,
        FileNotFoundException or DirectoryNotFoundException => ExitCodes.NotFound,
        ArgumentException => ExitCodes.NotFound, // a path or name the library rejects
        _ => ExitCodes.IoError,
    };

    /// <summary>
    /// <c>unionfs ls: message</c>, on one line, with a help hint for usage errors. An exception the tool does not
    /// expect (a bug) is named as an internal error.
    /// </summary>
    public static string Line(Command? command, Exception exception)
    {
        var prefix = command is null ? "unionfs: " : $"unionfs {command.Name}: ";
        var message = exception.Message.ReplaceLineEndings(" ").Trim();
        if (!IsExpected(exception)) message = $"internal error ({exception.GetType().Name}): {message}";
        if (exception is CliException { ExitCode: ExitCodes.Usage })
            message += command is null ? " (see 'unionfs --help')" : $" (see 'unionfs {command.Name} --help')";
        return prefix + message;
    }

    private static bool IsExpected(Exception exception) =>
        exception is CliException or IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException;
}
