using Microsoft.Extensions.FileProviders.Physical;

namespace UnionFs.FileProviders;

/// <summary>PhysicalFileProvider's exclusion rule: a dot-prefixed name, or an existing entry marked hidden or system.</summary>
internal static class Exclusion
{
    /// <summary>True when <paramref name="entry"/> is left out under <paramref name="filters"/>.</summary>
    public static bool IsExcluded(System.IO.Abstractions.IFileSystemInfo entry, ExclusionFilters filters)
    {
        if (filters == ExclusionFilters.None) return false;
        if (entry.Name.StartsWith('.') && (filters & ExclusionFilters.DotPrefixed) != 0) return true;
        if (!entry.Exists) return false;
        var attributes = entry.Attributes;
        return ((attributes & FileAttributes.Hidden) != 0 && (filters & ExclusionFilters.Hidden) != 0)
            || ((attributes & FileAttributes.System) != 0 && (filters & ExclusionFilters.System) != 0);
    }
}
