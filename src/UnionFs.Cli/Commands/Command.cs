using UnionFs.Cli.Parsing;

namespace UnionFs.Cli.Commands;

/// <summary>One <c>unionfs</c> command: its name, help, the options it takes, and what it does.</summary>
internal abstract class Command
{
    /// <summary>The name typed after <c>unionfs</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The arguments after the name in the usage line (<c>PATH</c>, <c>[PATH]</c>).</summary>
    public abstract string Arguments { get; }

    /// <summary>One line for the command list of <c>unionfs --help</c>.</summary>
    public abstract string Summary { get; }

    /// <summary>A few lines for <c>unionfs COMMAND --help</c>.</summary>
    public abstract string Description { get; }

    /// <summary>The options the command takes besides <c>--help</c>.</summary>
    public abstract IReadOnlyList<OptionSpec> Accepts { get; }

    /// <summary>How many positional arguments the command takes at least.</summary>
    public abstract int MinArguments { get; }

    /// <summary>How many positional arguments the command takes at most.</summary>
    public abstract int MaxArguments { get; }

    /// <summary>Runs the command; returns the exit code.</summary>
    public abstract int Execute(CommandContext context);
}
