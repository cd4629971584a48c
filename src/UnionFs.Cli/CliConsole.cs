namespace UnionFs.Cli;

/// <summary>Where a command writes: text output, error output, and raw bytes for <c>cat</c> and <c>export-layer -</c>.</summary>
/// <param name="Out">Standard output, for text.</param>
/// <param name="Error">Standard error: messages and progress.</param>
/// <param name="OpenBinaryOut">
/// Opens standard output as a byte stream; null when only <paramref name="Out"/> exists (tests), in which case
/// bytes are written to <paramref name="Out"/> as UTF-8 text.
/// </param>
/// <param name="ErrorIsTerminal">True when standard error is a terminal, so a live progress line may be drawn on it.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream>? OpenBinaryOut = null, bool ErrorIsTerminal = false)
{
    /// <summary>The process's console.</summary>
    public static CliConsole FromSystemConsole() =>
        new(Console.Out, Console.Error, Console.OpenStandardOutput, !Console.IsErrorRedirected);

    /// <summary>Runs <paramref name="write"/> against standard output as a byte stream.</summary>
    public void WriteBinary(Action<Stream> write)
    {
        Out.Flush();
        if (OpenBinaryOut is not null)
        {
            using var stream = OpenBinaryOut();
            write(stream);
            stream.Flush();
            return;
        }
        using var buffer = new MemoryStream();
        write(buffer);
        Out.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
