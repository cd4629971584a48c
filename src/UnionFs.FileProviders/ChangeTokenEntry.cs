using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.Primitives;

namespace UnionFs.FileProviders;

/// <summary>One watched path or pattern: the token handed out, the source that fires it, and for a pattern its matcher.</summary>
internal sealed record ChangeTokenEntry(CancellationTokenSource Source, CancellationChangeToken Token, Matcher? Matcher)
{
    /// <summary>A fresh entry; <paramref name="pattern"/> is given for a globbing pattern, null for an exact path.</summary>
    public static ChangeTokenEntry Create(string? pattern)
    {
        var source = new CancellationTokenSource();
        Matcher? matcher = null;
        if (pattern is not null)
        {
            // As PhysicalFilesWatcher matches: case-insensitively.
            matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
            matcher.AddInclude(pattern);
        }
        return new ChangeTokenEntry(source, new CancellationChangeToken(source.Token), matcher);
    }
}
