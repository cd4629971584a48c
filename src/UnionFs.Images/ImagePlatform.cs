using System.Runtime.InteropServices;

namespace UnionFs.Images;

/// <summary>An image platform: operating system, architecture and optional variant, as in <c>linux/arm64/v8</c>.</summary>
/// <param name="Os">The operating system (<c>linux</c>).</param>
/// <param name="Architecture">The architecture in OCI (Go) spelling: <c>amd64</c>, <c>arm64</c>, <c>arm</c>, <c>386</c>, <c>s390x</c>...</param>
/// <param name="Variant">The variant (<c>v7</c>, <c>v8</c>), or null for any.</param>
public sealed record ImagePlatform(string Os, string Architecture, string? Variant = null)
{
    /// <summary>The platform of this process: <c>linux</c> and the OCI name of its architecture.</summary>
    public static ImagePlatform Current { get; } = new("linux", RuntimeInformation.ProcessArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
        System.Runtime.InteropServices.Architecture.LoongArch64 => "loong64",
        _ => RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
    });

    /// <summary>Parses <c>os/arch</c> or <c>os/arch/variant</c>.</summary>
    /// <param name="text">The platform, for example <c>linux/amd64</c> or <c>linux/arm/v7</c>.</param>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static ImagePlatform Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || Array.Exists(parts, p => p.Length == 0))
            throw new FormatException($"'{text}' is not a platform of the form os/arch[/variant].");
        return new ImagePlatform(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }

    /// <summary>
    /// True when an image of platform <paramref name="other"/> satisfies this request: same OS and architecture,
    /// and the same variant when this one names a variant.
    /// </summary>
    /// <param name="other">An image's platform.</param>
    public bool Matches(ImagePlatform other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Os, other.Os, StringComparison.Ordinal)
            && string.Equals(Architecture, other.Architecture, StringComparison.Ordinal)
            && (Variant is null || string.Equals(Variant, other.Variant, StringComparison.Ordinal));
    }

    /// <summary><c>os/arch</c> or <c>os/arch/variant</c>.</summary>
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
