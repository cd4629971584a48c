namespace UnionFs.Cli.Parsing;

/// <summary>A command line split into the command, its positional arguments and the options given.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<OptionSpec, List<string>> _values = [];

    /// <summary>The first positional argument: the command's name; null when there is none.</summary>
    public string? Command { get; set; }

    /// <summary>The first mistake found in the command line; null when there is none.</summary>
    public string? Error { get; private set; }

    /// <summary>The positional arguments after the command.</summary>
    public List<string> Positionals { get; } = [];

    /// <summary>The options given, in the order of their first appearance.</summary>
    public IEnumerable<OptionSpec> Given => _values.Keys;

    /// <summary>True when <paramref name="option"/> was given.</summary>
    public bool Has(OptionSpec option) => _values.ContainsKey(option);

    /// <summary>The value of a single-valued option; null when it was not given.</summary>
    public string? Value(OptionSpec option) => _values.TryGetValue(option, out var values) ? values[0] : null;

    /// <summary>Every value of a repeatable option, in command-line order.</summary>
    public IReadOnlyList<string> Values(OptionSpec option) => _values.TryGetValue(option, out var values) ? values : [];

    /// <summary>Records an occurrence of <paramref name="option"/> (with an empty value for a flag).</summary>
    public void Add(OptionSpec option, string value)
    {
        if (!_values.TryGetValue(option, out var values)) _values[option] = values = [];
        else if (!option.Repeatable) Fail($"option '{option.Name}' is given more than once");
        values.Add(value);
    }

    /// <summary>Records a mistake (only the first is kept).</summary>
    public void Fail(string message) => Error ??= message;
}
