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
    WhiteoutFormat Format,
    RegistryCredentials? Credentials = null,
    bool PlainHttp = false)
{
    /// <summary>The environment variable that holds <c>USER:PASS</c> for a registry when <c>--creds</c> is not given.</summary>
    public const string AuthVariable = "UNIONFS_REGISTRY_AUTH";

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
        var registry = CheckReference(image, Options.Image) | CheckReference(args.Value(Options.Against), Options.Against);
        if (!registry)
        {
            foreach (var registryOnly in (ReadOnlySpan<OptionSpec>)[Options.Creds, Options.PlainHttp])
                if (args.Has(registryOnly)) throw CliException.Usage($"{registryOnly.Name} needs --image docker://...");
        }
        if (ImageReference.HasScheme(image) && args.Has(Options.Tag))
            throw CliException.Usage("--tag does not go with --image docker://...: the reference names the tag (docker://HOST/REPO:TAG)");
        var credentials = registry ? ParseCredentials(args.Value(Options.Creds)) : null;
        return new SourceSpec(image, ParsePlatform(args.Value(Options.Platform)), args.Value(Options.Tag),
            !args.Has(Options.NoVerify), lowers, upper, ParseFormat(args.Value(Options.Format)), credentials, args.Has(Options.PlainHttp));
    }

    /// <summary>True when <paramref name="image"/> is a docker:// reference, which must then be well formed.</summary>
    private static bool CheckReference(string? image, OptionSpec option)
    {
        if (!ImageReference.HasScheme(image)) return false;
        try
        {
            ImageReference.Parse(image!);
            return true;
        }
        catch (FormatException ex)
        {
            throw CliException.Usage($"{option.Name} {ex.Message}");
        }
    }

    /// <summary><c>--creds USER:PASS</c>, else the environment's <see cref="AuthVariable"/>, else anonymous.</summary>
    private static RegistryCredentials? ParseCredentials(string? option)
    {
        var text = option ?? Environment.GetEnvironmentVariable(AuthVariable);
        if (string.IsNullOrEmpty(text)) return null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            throw CliException.Usage(option is not null ? "--creds must be USER:PASS" : $"{AuthVariable} must be USER:PASS");
        return new RegistryCredentials(text[..colon], text[(colon + 1)..]);
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
