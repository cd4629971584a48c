using UnionFs.Cli.Parsing;

namespace UnionFs.Cli.Sources;

/// <summary>The layers a command line asks for, checked but not opened.</summary>
internal sealed record SourceSpec(
    string? Image,
    ImagePlatform? Platform,
    string? Tag,
    bool VerifyDigests,
    IReadOnlyList<string> Lowers,
    string? Upper,
    WhiteoutFormat Format)
{
    /// <summary>Reads and checks the source options.</summary>
    /// <exception cref="CliException">The options contradict each other or name no layer at all.</exception>
    public static SourceSpec From(ParsedArguments args)
    {
        var image = args.Value(Options.Image);
        var lowers = args.Values(Options.Lower);
        var upper = args.Value(Options.Upper);
        if (image is not null && lowers.Count > 0)
            throw CliException.Usage("--image and --lower cannot be combined: the image gives the lower layers");
        if (image is null)
        {
            foreach (var imageOnly in (ReadOnlySpan<OptionSpec>)[Options.Platform, Options.Tag, Options.NoVerify])
                if (args.Has(imageOnly)) throw CliException.Usage($"{imageOnly.Name} needs --image");
        }
        if (image is null && lowers.Count == 0 && upper is null)
            throw CliException.Usage("no layers given: use --image PATH, --lower DIR|TAR or --upper DIR");
        return new SourceSpec(image, ParsePlatform(args.Value(Options.Platform)), args.Value(Options.Tag),
            !args.Has(Options.NoVerify), lowers, upper, ParseFormat(args.Value(Options.Format)));
    }

    private static ImagePlatform? ParsePlatform(string? text)
    {
        if (text is null) return null;
        try
        {
            return ImagePlatform.Parse(text);
        }
        catch (FormatException)
        {
            throw CliException.Usage($"--platform '{text}' is not of the form os/arch or os/arch/variant");
        }
    }

    private static WhiteoutFormat ParseFormat(string? text) => text switch
    {
        null or "oci" => WhiteoutFormat.Oci,
        "overlay" => WhiteoutFormat.Overlay,
        _ => throw CliException.Usage($"--format '{text}' is unknown: use oci or overlay"),
    };
}
