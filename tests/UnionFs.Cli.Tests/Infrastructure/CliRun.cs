using System.Text.Json;

namespace UnionFs.Cli.Tests.Infrastructure;

/// <summary>What one in-process run of the tool printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error, byte[] Binary)
{
    /// <summary>Standard output split into lines (no trailing empty line).</summary>
    public string[] Lines => Out.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <summary>Standard output parsed as JSON.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Out);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}

/// <summary>Runs <c>unionfs</c> in-process through <see cref="Cli.Run(string[], CliConsole)"/> with captured output.</summary>
public static class CliRun
{
    /// <summary>Runs with text output only (bytes written to standard output arrive as UTF-8 text).</summary>
    public static CliResult Text(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Cli.Run(args, output, error);
        return new CliResult(exit, output.ToString(), error.ToString(), []);
    }

    /// <summary>Runs with a byte stream for standard output (what <c>cat</c> and <c>export-layer -</c> write there).</summary>
    public static CliResult Binary(params string[] args) => Console(errorIsTerminal: false, args);

    /// <summary>Runs as if standard error were a terminal (progress lines are drawn).</summary>
    public static CliResult OnTerminal(params string[] args) => Console(errorIsTerminal: true, args);

    /// <summary>Runs with a standard output whose every write fails, as on a full disk.</summary>
    public static CliResult FailingBinaryOut(params string[] args) => Console(errorIsTerminal: false, args, failWrites: true);

    private static CliResult Console(bool errorIsTerminal, string[] args, bool failWrites = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var binary = new MemoryStream();
        var console = new CliConsole(output, error, () => new NonClosing(binary, failWrites), errorIsTerminal);
        var exit = Cli.Run(args, console);
        return new CliResult(exit, output.ToString(), error.ToString(), binary.ToArray());
    }

    /// <summary>A view of a stream that the tool may dispose without closing the stream.</summary>
    private sealed class NonClosing(Stream inner, bool failWrites) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (failWrites) throw new IOException("No space left on device");
            inner.Write(buffer, offset, count);
        }
    }
}
