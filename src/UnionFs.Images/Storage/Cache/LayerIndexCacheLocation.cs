namespace UnionFs.Images.Storage.Cache;

/// <summary>
/// Where the layer index cache lives and whether it is on: the option, then <c>UNIONFS_CACHE_DIR</c>, then
/// <c>$XDG_CACHE_HOME/unionfs</c>, then <c>~/.cache/unionfs</c>, then the temporary directory. Relative values are
/// ignored (never the current directory). <c>UNIONFS_CACHE=off</c> (or <c>0</c>, <c>false</c>, <c>no</c>) turns it off.
/// </summary>
internal static class LayerIndexCacheLocation
{
    public const string DirectoryVariable = "UNIONFS_CACHE_DIR";
    public const string SwitchVariable = "UNIONFS_CACHE";

    /// <summary>True unless the environment turns the cache off.</summary>
    public static bool EnabledByEnvironment() =>
        Environment.GetEnvironmentVariable(SwitchVariable)?.Trim().ToLowerInvariant() is not ("off" or "0" or "false" or "no");

    /// <summary>The cache directory for <paramref name="option"/> (a rooted path, or null for the environment's choice).</summary>
    public static string Resolve(string? option)
    {
        if (option is not null)
        {
            if (!Path.IsPathFullyQualified(option)) throw new ArgumentException($"The index cache directory '{option}' must be an absolute path.", nameof(option));
            return option;
        }
        if (Rooted(Environment.GetEnvironmentVariable(DirectoryVariable)) is { } fromVariable) return fromVariable;
        if (Rooted(Environment.GetEnvironmentVariable("XDG_CACHE_HOME")) is { } xdg) return Path.Combine(xdg, "unionfs");
        if (Rooted(Environment.GetEnvironmentVariable("HOME")) is { } home) return Path.Combine(home, ".cache", "unionfs");
        // No home: a per-user directory under the temporary directory, which is always absolute.
        return Path.Combine(Path.GetTempPath(), "unionfs-cache-" + Environment.UserName);
    }

    private static string? Rooted(string? value) => !string.IsNullOrWhiteSpace(value) && Path.IsPathFullyQualified(value) ? value : null;
}
