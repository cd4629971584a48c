namespace UnionFs.Cli.Parsing;

/// <summary>
/// Splits a command line: <c>--name value</c>, <c>--name=value</c>, flags, <c>-h</c>, and <c>--</c> to end the
/// options. Options may stand before or after the command. The first positional argument is the command.
/// A mistake does not stop the parse: the first one is kept in <see cref="ParsedArguments.Error"/>, so it can
/// be reported once the command (and whether help was asked for) is known.
/// </summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new ParsedArguments();
        var optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || arg == "-" || !arg.StartsWith('-'))
            {
                AddPositional(parsed, arg);
                continue;
            }
            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }
            var equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=', StringComparison.Ordinal) : -1;
            var name = equals < 0 ? arg : arg[..equals];
            var option = Options.Find(name);
            if (option is null)
            {
                parsed.Fail($"unknown option '{name}'");
                continue;
            }
            if (!option.TakesValue)
            {
                if (equals >= 0) parsed.Fail($"option '{option.Name}' takes no value");
                else parsed.Add(option, string.Empty);
                continue;
            }
            string value;
            if (equals >= 0) value = arg[(equals + 1)..];
            else if (i + 1 < args.Count) value = args[++i];
            else value = string.Empty;
            if (value.Length == 0) parsed.Fail($"option '{option.Name}' needs a value ({option.ValueName})");
            else parsed.Add(option, value);
        }
        return parsed;
    }

    private static void AddPositional(ParsedArguments parsed, string arg)
    {
        if (parsed.Command is null) parsed.Command = arg;
        else parsed.Positionals.Add(arg);
    }
}
