namespace UnionFs.Images.Tar;

/// <summary>
/// The compact binary form of a built <see cref="TarIndex"/> (for the layer index cache): the node tree in pre-order,
/// each node with its name, kind, flags, mode, time and data range or link target, so that a read index answers
/// exactly as the built one. Iterative both ways: a tar may nest names deeper than the stack would allow.
/// </summary>
internal static class TarIndexSerializer
{
    private const int FormatVersion = 1;

    [Flags]
    private enum NodeFlags : byte
    {
        None = 0,
        Opaque = 1,
        Implied = 2,
        ReplacesBelow = 4,
    }

    public static void Write(TarIndex index, BinaryWriter writer)
    {
        writer.Write7BitEncodedInt(FormatVersion);
        writer.Write(index.InterpretsWhiteouts);
        writer.Write7BitEncodedInt(index.EntryCount);
        var pending = new Stack<TarNode>();
        pending.Push(index.Root);
        while (pending.TryPop(out var node))
        {
            writer.Write(node.Name);
            writer.Write((byte)node.Kind);
            var flags = (node.IsOpaque ? NodeFlags.Opaque : 0) | (node.IsImplied ? NodeFlags.Implied : 0) | (node.ReplacesBelow ? NodeFlags.ReplacesBelow : 0);
            writer.Write((byte)flags);
            writer.Write7BitEncodedInt((int)node.Mode);
            WriteTime(writer, node.ModificationTimeUtc);
            switch (node.Kind)
            {
                case EntryKind.File:
                    writer.Write7BitEncodedInt64(node.DataOffset);
                    writer.Write7BitEncodedInt64(node.Length);
                    break;
                case EntryKind.SymbolicLink:
                    writer.Write(node.LinkTarget ?? string.Empty);
                    break;
                case EntryKind.Directory:
                    writer.Write7BitEncodedInt(node.Children!.Count);
                    foreach (var child in node.Children.Values) pending.Push(child);
                    break;
            }
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote; <see cref="InvalidDataException"/> when the bytes are not such an index.</summary>
    public static TarIndex Read(BinaryReader reader, string layer)
    {
        if (reader.Read7BitEncodedInt() != FormatVersion) throw new InvalidDataException("unknown tar index version");
        var interpretWhiteouts = reader.ReadBoolean();
        var entryCount = reader.Read7BitEncodedInt();
        var root = ReadNode(reader);
        if (root.Kind != EntryKind.Directory) throw new InvalidDataException("corrupt tar index");
        // Each directory waits for its count of children; they follow it in pre-order (pushed in reverse, as written).
        var pending = new Stack<(TarNode Directory, int Left)>();
        pending.Push((root, reader.Read7BitEncodedInt()));
        while (pending.TryPop(out var top))
        {
            if (top.Left == 0) continue;
            pending.Push((top.Directory, top.Left - 1));
            var node = ReadNode(reader);
            if (!top.Directory.Children!.TryAdd(node.Name, node)) throw new InvalidDataException("corrupt tar index (a name twice)");
            if (node.Kind == EntryKind.Directory) pending.Push((node, reader.Read7BitEncodedInt()));
        }
        return TarIndex.FromTree(root, layer, interpretWhiteouts, entryCount);
    }

    /// <summary>Whole seconds from 1970 (zigzag, usually 5 bytes) and the rest in ticks (usually 1 byte), not 8 bytes of ticks.</summary>
    private static void WriteTime(BinaryWriter writer, DateTime time)
    {
        var seconds = Math.DivRem(time.Ticks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }
        writer.Write7BitEncodedInt64((seconds << 1) ^ (seconds >> 63));
        writer.Write7BitEncodedInt64(rest);
    }

    private static DateTime ReadTime(BinaryReader reader)
    {
        var zigzag = reader.Read7BitEncodedInt64();
        var seconds = (long)((ulong)zigzag >> 1) ^ -(zigzag & 1);
        var rest = reader.Read7BitEncodedInt64();
        return new DateTime(DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + rest, DateTimeKind.Utc);
    }

    private static TarNode ReadNode(BinaryReader reader)
    {
        var name = reader.ReadString();
        var kind = (EntryKind)reader.ReadByte();
        if (!Enum.IsDefined(kind)) throw new InvalidDataException("corrupt tar index (unknown kind)");
        var flags = (NodeFlags)reader.ReadByte();
        var node = new TarNode(name, kind)
        {
            Mode = (UnixFileMode)reader.Read7BitEncodedInt(),
            ModificationTimeUtc = ReadTime(reader),
            IsOpaque = (flags & NodeFlags.Opaque) != 0,
            IsImplied = (flags & NodeFlags.Implied) != 0,
            ReplacesBelow = (flags & NodeFlags.ReplacesBelow) != 0,
        };
        switch (kind)
        {
            case EntryKind.File:
                node.DataOffset = reader.Read7BitEncodedInt64();
                node.Length = reader.Read7BitEncodedInt64();
                break;
            case EntryKind.SymbolicLink:
                node.LinkTarget = reader.ReadString();
                break;
        }
        return node;
    }
}
