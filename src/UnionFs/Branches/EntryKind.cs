namespace UnionFs;

/// <summary>What a name in a branch is.</summary>
public enum EntryKind
{
    /// <summary>A regular file with data.</summary>
    File,

    /// <summary>A directory; it may be opaque or carry a redirect.</summary>
    Directory,

    /// <summary>A symbolic link; its target is in <see cref="BranchEntry.LinkTarget"/>.</summary>
    SymbolicLink,

    /// <summary>A whiteout: hides the name in every branch below this one.</summary>
    Whiteout,
}
