using UnionFs.Sandbox;

namespace UnionFs;

/// <summary>
/// The whole-tree operations of the sandbox workflow. A snapshot is a structural copy of the node tree whose
/// files share their data chunks with the tree they came from (both sides copy a chunk before they write it),
/// so taking or restoring one costs a step per entry, not per byte. The root is replaced in one write, so a
/// reader sees the tree as it was or as it is after, never a mix.
/// </summary>
public sealed partial class MemoryBranch
{
    /// <summary>A copy of the whole tree as it is now, sharing file data with it.</summary>
    internal MemoryBranchSnapshot TakeSnapshot()
    {
        lock (Gate)
        {
            return new MemoryBranchSnapshot(CopyTree(_root));
        }
    }

    /// <summary>
    /// Makes the tree what <paramref name="snapshot"/> holds. The snapshot is copied, not adopted, so it can be
    /// restored again. Streams open on the replaced files keep working on their own (now detached) data.
    /// </summary>
    internal void Restore(MemoryBranchSnapshot snapshot)
    {
        var copy = CopyTree(snapshot.Root);
        lock (Gate)
        {
            _root = copy;
            NoteUnlink();
            NoteChange();
        }
    }

    /// <summary>Empties the branch: every entry goes, and the root keeps its metadata but no marker.</summary>
    internal void Clear()
    {
        lock (Gate)
        {
            _root = new MemoryNode(_root.Entry with { IsOpaque = false, Redirect = null });
            NoteUnlink();
            NoteChange();
        }
    }

    /// <summary>A new node for <paramref name="node"/>'s entry; a file's shares its chunks.</summary>
    private static MemoryNode CopyOf(MemoryNode node)
    {
        var copy = new MemoryNode(node.Entry);
        if (node.Data is { } data) copy.ShareChunksOf(data);
        return copy;
    }

    /// <summary>Copies a tree with a work list, not recursion: a chain of any depth is copied without exhausting the stack.</summary>
    private static MemoryNode CopyTree(MemoryNode node)
    {
        var root = CopyOf(node);
        var pending = new Stack<(MemoryNode Source, MemoryNode Copy)>();
        pending.Push((node, root));
        while (pending.TryPop(out var next))
        {
            if (next.Source.Children is not { } children) continue;
            var (names, nodes) = children.SortedSnapshot();
            for (var i = 0; i < names.Length; i++)
            {
                var child = nodes[i];
                var copy = CopyOf(child);
                next.Copy.Children!.Set(names[i], copy);
                pending.Push((child, copy));
            }
        }
        return root;
    }
}
