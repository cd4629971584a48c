namespace UnionFs.Cli.Parsing;

/// <summary>One command-line option.</summary>
/// <param name="Name">The long name, with its dashes (<c>--lower</c>).</param>
/// <param name="ValueName">The placeholder of its value in help (<c>DIR|TAR</c>); null for a flag.</param>
/// <param name="Help">One line of help.</param>
/// <param name="Repeatable">True when the option may be given more than once.</param>
/// <param name="ShortName">A one-letter alias with its dash (<c>-h</c>), if any.</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Help, bool Repeatable = false, string? ShortName = null)
{
    /// <summary>True when the option takes a value.</summary>
    public bool TakesValue => ValueName is not null;

    /// <summary>The option as help shows it: <c>-h, --help</c> or <c>--lower DIR|TAR</c>.</summary>
    public string Signature => (ShortName is null ? "" : ShortName + ", ") + Name + (ValueName is null ? "" : " " + ValueName);
}
