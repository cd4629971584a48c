namespace UnionFs;

public sealed partial class MemoryBranch
{
    /// <summary>
    /// A branch built from text: the <c>tree</c> command's output (its first line names the root) or the indented
    /// form with contents (<c>README.txt: hello</c>, <c>docs/</c>, <c>link -> target</c>). See <see cref="TreeText"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// var lower = MemoryBranch.FromTree("""
    ///     books/
    ///       c: The C Programming Language
    ///       java
    ///     README.txt: hello
    ///     """);
    /// </code>
    /// </example>
    /// <param name="text">The tree, in either form.</param>
    /// <exception cref="FormatException">The text cannot be read as a tree; the message names the line.</exception>
    public static MemoryBranch FromTree(string text) => TreeText.ToBranch(text);
}
