using UnionFs.Cli.Output;
using UnionFs.Cli.Parsing;
using UnionFs.Cli.Sources;

namespace UnionFs.Cli.Commands;

/// <summary>What a command runs with: its arguments and the console.</summary>
internal sealed class CommandContext(ParsedArguments arguments, CliConsole console)
{
    public ParsedArguments Arguments { get; } = arguments;

    public CliConsole Console { get; } = console;

    public TextWriter Out => Console.Out;

    /// <summary>The progress line on standard error (drawn only on a terminal).</summary>
    public Progress Progress { get; } = new(console.Error, console.ErrorIsTerminal);

    /// <summary>True when <c>--json</c> was given.</summary>
    public bool Json => Arguments.Has(Options.Json);

    /// <summary>The positional argument at <paramref name="index"/>, or <paramref name="fallback"/>.</summary>
    public string Argument(int index, string fallback) => index < Arguments.Positionals.Count ? Arguments.Positionals[index] : fallback;

    /// <summary>Opens the layers the source options name.</summary>
    public UnionSource OpenSource() => UnionSource.Open(SourceSpec.From(Arguments), Progress, Warn);

    /// <summary>Opens the image <c>--against</c> names, with the same platform and verification as <c>--image</c> (not its tag).</summary>
    public UnionSource OpenBaseline(string image) =>
        UnionSource.Open(SourceSpec.From(Arguments) with { Image = image, Tag = null, Lowers = [], Upper = null }, Progress, Warn);

    /// <summary>Writes a warning line to standard error (erasing the progress line first).</summary>
    public void Warn(string message)
    {
        Progress.Clear();
        Console.Error.WriteLine("unionfs: warning: " + message);
    }
}
