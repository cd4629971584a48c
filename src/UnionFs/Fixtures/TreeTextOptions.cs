namespace UnionFs;

/// <summary>How <see cref="TreeText"/> writes a tree.</summary>
public sealed record TreeTextOptions
{
    /// <summary>The tree form, without file contents.</summary>
    public static TreeTextOptions Default { get; } = new();

    /// <summary>The form of the text; <see cref="TreeTextStyle.Tree"/> unless set.</summary>
    public TreeTextStyle Style { get; init; } = TreeTextStyle.Tree;

    /// <summary>
    /// Writes a non-empty file as <c>name: content</c> (escaped as <see cref="TreeText"/> describes) when it
    /// is at most <see cref="MaxContentLength"/> bytes long, so that the text reads back as the same tree.
    /// Off unless set: every file is written as its bare name.
    /// </summary>
    public bool IncludeContents { get; init; }

    /// <summary>The longest file, in bytes, whose content <see cref="IncludeContents"/> writes; 4096 unless set.</summary>
    public int MaxContentLength { get; init; } = 4096;
}
