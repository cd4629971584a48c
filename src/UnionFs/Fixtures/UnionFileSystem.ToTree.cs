namespace UnionFs;

public sealed partial class UnionFileSystem
{
    /// <summary>
    /// The merged view below <paramref name="path"/> as <c>tree</c>-style text (directories end in <c>/</c>, names in
    /// ordinal order), the same text <see cref="MemoryBranch.FromTree"/> reads: for assertions and failure messages.
    /// </summary>
    /// <param name="path">The directory to write; the union root by default.</param>
    public string ToTree(string path = "/") => TreeText.Write(this, path);

    /// <summary>The merged view below <paramref name="path"/> as text, in the style and with the contents <paramref name="options"/> ask for.</summary>
    /// <param name="path">The directory to write.</param>
    /// <param name="options">Tree or indented form; whether short file contents are written.</param>
    public string ToTree(string path, TreeTextOptions options) => TreeText.Write(this, path, options);
}
