using System.Reflection;
using UnionFs.Cli.Parsing;

namespace UnionFs.Cli.Commands;

/// <summary>The texts of <c>unionfs --help</c>, <c>unionfs COMMAND --help</c> and <c>unionfs --version</c>.</summary>
internal static class HelpText
{
    /// <summary>The tool's version without build metadata (<c>0.1.0</c>).</summary>
    public static string Version
    {
        get
        {
            var assembly = typeof(HelpText).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }

    public static void WriteOverview(TextWriter writer)
    {
        writer.WriteLine($"unionfs {Version}: look inside union filesystems, layer tars and container images");
        writer.WriteLine();
        writer.WriteLine("Usage: unionfs COMMAND [ARGUMENTS] [OPTIONS]");
        writer.WriteLine();
        writer.WriteLine("Commands:");
        var width = CommandList.All.Max(c => Usage(c).Length) + 2;
        foreach (var command in CommandList.All) writer.WriteLine($"  {Usage(command).PadRight(width)}{command.Summary}");
        writer.WriteLine();
        writer.WriteLine("Layers (every command):");
        WriteOptions(writer, Options.Sources);
        writer.WriteLine();
        writer.WriteLine("Other options:");
        WriteOptions(writer, [Options.Help, Options.Version]);
        writer.WriteLine();
        writer.WriteLine("Exit codes: 0 success, 1 usage error, 2 not found or invalid input, 3 other I/O error,\n" +
            "4 an efficiency threshold exceeded.");
        writer.WriteLine("Run 'unionfs COMMAND --help' for a command's own options.");
    }

    public static void WriteCommand(TextWriter writer, Command command)
    {
        writer.WriteLine($"Usage: unionfs {Usage(command)} [OPTIONS]");
        writer.WriteLine();
        foreach (var line in command.Description.Split('\n')) writer.WriteLine(line);
        writer.WriteLine();
        writer.WriteLine("Options:");
        WriteOptions(writer, [.. command.Accepts, Options.Help]);
    }

    private static string Usage(Command command) => command.Arguments.Length == 0 ? command.Name : command.Name + " " + command.Arguments;

    private static void WriteOptions(TextWriter writer, IReadOnlyList<OptionSpec> options)
    {
        var width = options.Max(o => o.Signature.Length) + 2;
        foreach (var option in options) writer.WriteLine($"  {option.Signature.PadRight(width)}{option.Help}");
    }
}
