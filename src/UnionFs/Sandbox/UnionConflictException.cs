using System.Globalization;
using System.Text;

namespace UnionFs;

/// <summary>
/// Thrown by <see cref="UnionFileSystem.ApplyTo(System.IO.Abstractions.IFileSystem, string, ApplyOptions)"/> when the
/// target changed, since the union read it, at paths the union changes too. Nothing was written; the union is
/// unchanged. <see cref="Conflicts"/> lists every such path.
/// </summary>
public sealed class UnionConflictException : IOException
{
    /// <summary>How many conflicts the message lists before it says how many more there are.</summary>
    private const int ListedInMessage = 50;

    /// <summary>Creates the exception with a generic message and no conflicts.</summary>
    public UnionConflictException()
        : this("The target changed where the union's changes would be written.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and no conflicts.</summary>
    /// <param name="message">The message.</param>
    public UnionConflictException(string message)
        : base(message) => Conflicts = [];

    /// <summary>Creates the exception with <paramref name="message"/>, the exception that caused it, and no conflicts.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnionConflictException(string message, Exception innerException)
        : base(message, innerException) => Conflicts = [];

    /// <summary>Creates the exception for <paramref name="conflicts"/>; the message lists them.</summary>
    /// <param name="conflicts">Every conflicting path.</param>
    public UnionConflictException(IReadOnlyList<UnionConflict> conflicts)
        : base(Describe(conflicts)) => Conflicts = conflicts;

    /// <summary>Every path where the target and the union both changed something, sorted by path.</summary>
    public IReadOnlyList<UnionConflict> Conflicts { get; }

    private static string Describe(IReadOnlyList<UnionConflict> conflicts)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        var text = new StringBuilder();
        text.Append(conflicts.Count == 1 ? "1 path" : string.Create(CultureInfo.InvariantCulture, $"{conflicts.Count} paths"))
            .Append(" changed in the target since the union read them; nothing was written. ")
            .Append("Apply with ApplyOptions { Overwrite = true } to write the union's version anyway.");
        foreach (var conflict in conflicts.Take(ListedInMessage)) text.Append('\n').Append("  ").Append(conflict);
        if (conflicts.Count > ListedInMessage) text.Append('\n').Append(CultureInfo.InvariantCulture, $"  ... and {conflicts.Count - ListedInMessage} more");
        return text.ToString();
    }
}
