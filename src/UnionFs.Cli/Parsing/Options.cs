namespace UnionFs.Cli.Parsing;

/// <summary>Every option the tool knows. Commands pick the ones that apply to them.</summary>
internal static class Options
{
    public static readonly OptionSpec Help = new("--help", null, "Show this help.", ShortName: "-h");
    public static readonly OptionSpec Version = new("--version", null, "Print the version.");

    public static readonly OptionSpec Image = new("--image", "PATH|docker://REF", "A container image: a docker save tar (any Docker version, containerd), an OCI layout directory, or docker://HOST[:PORT]/REPO[:TAG|@DIGEST] in a registry.");
    public static readonly OptionSpec Platform = new("--platform", "OS/ARCH", "The image to pick from a multi-platform image (linux/arm64, linux/arm/v7).");
    public static readonly OptionSpec Tag = new("--tag", "TAG", "The image to pick from an archive with several (busybox:latest).");
    public static readonly OptionSpec NoVerify = new("--no-verify", null, "Do not check the image's blobs against their digests (faster).");
    public static readonly OptionSpec Creds = new("--creds", "USER:PASS", "Credentials for a docker:// image's registry (default: $UNIONFS_REGISTRY_AUTH, else anonymous).");
    public static readonly OptionSpec PlainHttp = new("--plain-http", null, "Speak plain HTTP to a docker:// image's registry (loopback hosts always do).");
    public static readonly OptionSpec Lower = new("--lower", "DIR|TAR", "A lower layer: a directory or a layer tar (plain, gzip, zstd). Repeatable, topmost first.", Repeatable: true);
    public static readonly OptionSpec Upper = new("--upper", "DIR", "The upper directory: the writable layer whose changes diff and export-layer show.");
    public static readonly OptionSpec Format = new("--format", "oci|overlay", "How layer directories store whiteouts: oci (.wh. files, the default) or overlay (the kernel's, needs root).");

    public static readonly OptionSpec Json = new("--json", null, "Print JSON instead of text.");
    public static readonly OptionSpec Depth = new("--depth", "N", "Descend at most N levels (like tree -L).");
    public static readonly OptionSpec Summary = new("--summary", null, "Print each layer's counts without its paths.");
    public static readonly OptionSpec Gzip = new("--gzip", null, "Compress the layer with gzip.");
    public static readonly OptionSpec Zstd = new("--zstd", null, "Compress the layer with zstd.");
    public static readonly OptionSpec Against = new("--against", "PATH", "The baseline image to compare --image with (the same kinds of path as --image).");
    public static readonly OptionSpec Layers = new("--layers", null, "Search every layer's own tree (whiteouts included) instead of the merged view.");
    public static readonly OptionSpec MaxWastedBytes = new("--max-wasted-bytes", "N", "Exit with code 4 when more than N bytes are wasted.");
    public static readonly OptionSpec MaxWastedPercent = new("--max-wasted-percent", "P", "Exit with code 4 when more than P percent (0-100) of the file bytes are wasted.");
    public static readonly OptionSpec MinEfficiency = new("--min-efficiency", "F", "Exit with code 4 when the efficiency score (0-1) is below F.");

    /// <summary>The options that choose the layers; every command but help takes them.</summary>
    public static readonly IReadOnlyList<OptionSpec> Sources = [Image, Platform, Tag, NoVerify, Creds, PlainHttp, Lower, Upper, Format];

    /// <summary>Every option, for parsing before the command is known.</summary>
    public static readonly IReadOnlyList<OptionSpec> All =
        [Help, Version, .. Sources, Json, Depth, Summary, Gzip, Zstd, Against, Layers, MaxWastedBytes, MaxWastedPercent, MinEfficiency];

    /// <summary>The option named <paramref name="name"/> (long or short form), or null.</summary>
    public static OptionSpec? Find(string name)
    {
        foreach (var option in All)
            if (option.Name == name || option.ShortName == name) return option;
        return null;
    }
}
