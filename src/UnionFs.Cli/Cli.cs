using UnionFs.Cli.Commands;
using UnionFs.Cli.Parsing;

namespace UnionFs.Cli;

/// <summary>
/// The entry point of <c>unionfs</c>: parses the command line, runs the command, and turns every failure into
/// one line on standard error and an exit code (see <see cref="ExitCodes"/>). Callable in-process.
/// </summary>
internal static class Cli
{
    /// <summary>Runs <c>unionfs</c> with <paramref name="args"/>, writing to the given writers.</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, new CliConsole(stdout, stderr));

    /// <summary>Runs <c>unionfs</c> with <paramref name="args"/> on <paramref name="console"/>.</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        Command? command = null;
        try
        {
            var parsed = ArgumentParser.Parse(args);
            if (parsed.Command is null) return Overview(parsed, console);
            if (parsed.Command == "help") return Help(parsed, console);
            command = CommandList.Find(parsed.Command)
                ?? throw CliException.Usage($"unknown command '{parsed.Command}' (commands: {string.Join(", ", CommandList.All.Select(c => c.Name))})");
            if (parsed.Has(Options.Help))
            {
                HelpText.WriteCommand(console.Out, command);
                return ExitCodes.Success;
            }
            if (parsed.Error is not null) throw CliException.Usage(parsed.Error);
            Validate(command, parsed);
            return command.Execute(new CommandContext(parsed, console));
        }
#pragma warning disable CA1031 // The tool's outermost frame: every failure becomes one line and an exit code, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            console.Error.WriteLine(ErrorReport.Line(command, ex));
            return ErrorReport.ExitCode(ex);
        }
        finally
        {
            console.Out.Flush();
            console.Error.Flush();
        }
    }

    private static int Overview(ParsedArguments parsed, CliConsole console)
    {
        if (parsed.Error is not null) throw CliException.Usage(parsed.Error);
        if (parsed.Has(Options.Version))
        {
            console.Out.WriteLine("unionfs " + HelpText.Version);
            return ExitCodes.Success;
        }
        if (parsed.Has(Options.Help))
        {
            HelpText.WriteOverview(console.Out);
            return ExitCodes.Success;
        }
        HelpText.WriteOverview(console.Error);
        return ExitCodes.Usage;
    }

    /// <summary><c>unionfs help [COMMAND]</c>.</summary>
    private static int Help(ParsedArguments parsed, CliConsole console)
    {
        if (parsed.Error is not null) throw CliException.Usage(parsed.Error);
        if (parsed.Positionals.Count == 0)
        {
            HelpText.WriteOverview(console.Out);
            return ExitCodes.Success;
        }
        var command = CommandList.Find(parsed.Positionals[0]) ?? throw CliException.Usage($"unknown command '{parsed.Positionals[0]}'");
        HelpText.WriteCommand(console.Out, command);
        return ExitCodes.Success;
    }

    /// <summary>Checks the options and the number of arguments against what <paramref name="command"/> takes.</summary>
    private static void Validate(Command command, ParsedArguments parsed)
    {
        foreach (var option in parsed.Given)
        {
            if (!command.Accepts.Contains(option))
                throw CliException.Usage($"option '{option.Name}' does not apply to '{command.Name}'");
        }
        var count = parsed.Positionals.Count;
        if (count < command.MinArguments)
            throw CliException.Usage($"missing argument: {command.Arguments}");
        if (count > command.MaxArguments)
            throw CliException.Usage($"unexpected argument '{parsed.Positionals[command.MaxArguments]}'");
    }
}
