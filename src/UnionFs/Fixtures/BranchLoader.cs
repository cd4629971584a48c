namespace UnionFs;

/// <summary>
/// Creates parsed <see cref="TextNode"/>s in a branch through <see cref="IBranch"/> directly (no union, no copy-up),
/// every entry with the same timestamp and the default modes of new entries. Layer metadata is skipped.
/// </summary>
internal sealed class BranchLoader
{
    private readonly IBranch _branch;
    private readonly bool _mayExist;
    private readonly EntryMetadata _file;
    private readonly EntryMetadata _directory;
    private readonly EntryMetadata _link;
    private readonly DateTime _now;

    private BranchLoader(IBranch branch, bool mayExist)
    {
        _branch = branch;
        _mayExist = mayExist;
        _now = DateTime.UtcNow;
        _file = EntryMetadata.NewFile(_now);
        _directory = EntryMetadata.NewDirectory(_now);
        _link = _file with
        {
            Attributes = FileAttributes.ReparsePoint,
            UnixMode = EntryMetadata.DefaultDirectoryMode | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite,
        };
    }

    /// <summary>
    /// Creates <paramref name="root"/>'s entries in <paramref name="branch"/>. With <paramref name="mayExist"/>
    /// a directory already there is kept (and made opaque if asked); otherwise the branch is taken to be empty.
    /// </summary>
    public static void Load(IBranch branch, TextNode root, bool mayExist)
    {
        var loader = new BranchLoader(branch, mayExist);
        if (root.IsOpaque) branch.SetOpaque(BranchPath.Root, true);
        // A work list, not recursion: a tree of any depth fits the stack. Each directory is made before its entries.
        var pending = new Stack<(TextNode Directory, string Path)>();
        pending.Push((root, BranchPath.Root));
        while (pending.TryPop(out var directory)) loader.LoadChildren(directory.Directory, directory.Path, pending);
    }

    /// <summary>Creates the entries of <paramref name="directory"/>; its directories' own entries are left in <paramref name="pending"/>.</summary>
    private void LoadChildren(TextNode directory, string path, Stack<(TextNode Directory, string Path)> pending)
    {
        if (directory.Children is null) return;
        foreach (var child in directory.Children)
        {
            var childPath = BranchPath.Combine(path, child.Name);
            switch (child.Kind)
            {
                case TextNodeKind.Directory:
                    CreateDirectory(childPath, child.IsOpaque);
                    pending.Push((child, childPath));
                    break;
                case TextNodeKind.SymbolicLink:
                    _branch.CreateSymbolicLink(childPath, child.LinkTarget!, _link);
                    break;
                case TextNodeKind.Whiteout:
                    _branch.CreateWhiteout(childPath);
                    break;
                case TextNodeKind.File:
                    CreateFile(childPath, child.Content);
                    break;
            }
        }
    }

    private void CreateDirectory(string path, bool opaque)
    {
        if (_mayExist && _branch.Stat(path) is { IsDirectory: true })
        {
            if (opaque) _branch.SetOpaque(path, true);
            return;
        }
        _branch.CreateDirectory(path, _directory, opaque);
    }

    private void CreateFile(string path, byte[]? content)
    {
        if (content is not { Length: > 0 })
        {
            _branch.CreateFile(path, null, _file);
            return;
        }
        using var stream = FixtureContent.Open(_branch, content, _now);
        _branch.CreateFile(path, stream, _file);
    }
}
