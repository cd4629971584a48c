using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.InteropServices;

namespace UnionFs;

/// <summary>
/// Names of one directory and what each stands for: an open-addressing hash table that one writer at a time
/// changes (the caller serialises writers) and any number of readers search without a lock, by string or by
/// characters. It replaces a concurrent dictionary per directory: a slot costs 20 bytes (a hash, a name, a
/// value) instead of a node object per entry, a lookup by characters needs no conversion, and an empty table
/// is one small object.
/// </summary>
/// <remarks>
/// Readers stay correct because a slot is published hash last (after its name and value) and never moves:
/// a removal turns the hash into a tombstone, and a full table is copied into a new one that replaces it in one
/// write. A reader on the old copy sees the table as it was when the reader started.
/// </remarks>
internal sealed class NameTable<T> where T : class
{
    // Hashes of live slots are odd; 0 is a slot never used, Tombstone one whose entry left.
    private const int Empty = 0;
    private const int Tombstone = 2;
    private const int MinCapacity = 4;

    private static readonly uint Seed = (uint)Random.Shared.Next() | 1;

    private Table? _table;
    private int _count;
    private int _used;

    /// <summary>The number of names.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>True when the table holds no name.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The value of <paramref name="name"/>, without a lock.</summary>
    public bool TryGetValue(ReadOnlySpan<char> name, [MaybeNullWhen(false)] out T value) => TryGetValue(name, Hash(name), out value);

    /// <summary>As <see cref="TryGetValue(ReadOnlySpan{char}, out T)"/>, for a caller that has the name's <see cref="HashOf"/>.</summary>
    public bool TryGetValue(ReadOnlySpan<char> name, int hash, [MaybeNullWhen(false)] out T value)
    {
        var table = Volatile.Read(ref _table);
        if (table is not null)
        {
            var hashes = table.Hashes;
            var mask = hashes.Length - 1;
            for (var i = hash & mask; ; i = (i + 1) & mask)
            {
                var found = Volatile.Read(ref hashes[i]);
                if (found == Empty) break;
                if (found != hash) continue;
                ref var slot = ref table.Slots[i];
                if (Volatile.Read(ref slot.Name) is { } candidate && name.SequenceEqual(candidate) && Volatile.Read(ref slot.Value) is { } result)
                {
                    value = result;
                    return true;
                }
            }
        }
        value = null;
        return false;
    }

    /// <summary>The value of <paramref name="name"/>, without a lock.</summary>
    public bool TryGetValue(string name, [MaybeNullWhen(false)] out T value) => TryGetValue(name.AsSpan(), out value);

    /// <summary>
    /// Sets <paramref name="name"/> to <paramref name="value"/>, adding it or replacing its value. Writers only, one at a time.
    /// </summary>
    /// <returns>True when the name was added, false when its value was replaced.</returns>
    public bool Set(string name, T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = Hash(name);
        var table = _table;
        if (table is not null && Find(table, name, hash) is var existing and >= 0)
        {
            Volatile.Write(ref table.Slots[existing].Value, value);
            return false;
        }
        Insert(name, hash, value);
        return true;
    }

    /// <summary>
    /// Adds <paramref name="name"/>, whose <see cref="HashOf"/> is <paramref name="hash"/>, which the writer knows is not
    /// in the table (it just looked, with the same hash). Writers only, one at a time.
    /// </summary>
    public void Add(string name, int hash, T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        System.Diagnostics.Debug.Assert(hash == Hash(name));
        Insert(name, hash, value);
    }

    /// <summary>The hash the table files <paramref name="name"/> under: a writer that looks a name up and then adds it hashes it once.</summary>
    public static int HashOf(ReadOnlySpan<char> name) => Hash(name);

    private void Insert(string name, int hash, T value)
    {
        var table = _table;
        if (table is null || (_used + 1) > Limit(table.Hashes.Length)) table = Rebuild(_count + 1);
        var hashes = table.Hashes;
        var mask = hashes.Length - 1;
        var i = hash & mask;
        while (hashes[i] is not (Empty or Tombstone)) i = (i + 1) & mask;
        if (hashes[i] == Empty) _used++;
        ref var slot = ref table.Slots[i];
        Volatile.Write(ref slot.Value, value);
        Volatile.Write(ref slot.Name, name);
        Volatile.Write(ref hashes[i], hash);
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>Removes <paramref name="name"/>. Writers only, one at a time.</summary>
    public bool Remove(string name)
    {
        var table = _table;
        var i = table is null ? -1 : Find(table, name, Hash(name));
        if (i < 0) return false;
        ref var slot = ref table!.Slots[i];
        Volatile.Write(ref table.Hashes[i], Tombstone);
        Volatile.Write(ref slot.Name, null);
        Volatile.Write(ref slot.Value, null);
        Volatile.Write(ref _count, _count - 1);
        return true;
    }

    /// <summary>
    /// The names and their values sorted by ordinal name: what the table held when the copy was taken (a name
    /// added meanwhile may be in it or not).
    /// </summary>
    public (string[] Names, T[] Values) SortedSnapshot()
    {
        var table = Volatile.Read(ref _table);
        if (table is null) return ([], []);
        var names = new string[Count];
        var values = new T[names.Length];
        var taken = Collect(table, ref names, ref values);
        if (taken <= SmallSort)
        {
            Span<ulong> keys = stackalloc ulong[SmallSort];
            for (var i = 0; i < taken; i++) keys[i] = OrderKey(names[i]);
            SortSmall(keys[..taken], names.AsSpan(0, taken), values.AsSpan(0, taken));
        }
        else SortLarge(names.AsSpan(0, taken), values.AsSpan(0, taken));
        if (taken < names.Length)
        {
            Array.Resize(ref names, taken);
            Array.Resize(ref values, taken);
        }
        return (names, values);
    }

    /// <summary>As <see cref="SortedSnapshot"/>, the values alone: a small directory's names stay on the stack.</summary>
    public T[] SortedValues()
    {
        var table = Volatile.Read(ref _table);
        var count = Count;
        if (table is null || count == 0) return [];
        if (count > SmallSort) return SortedSnapshot().Values;
        var nameBuffer = default(SmallNames);
        var valueBuffer = default(SmallValues);
        Span<string> names = nameBuffer;
        Span<T> found = valueBuffer;
        Span<ulong> keys = stackalloc ulong[SmallSort];
        Span<byte> order = stackalloc byte[SmallSort];
        var taken = 0;
        for (var live = new LiveEntries(table); live.MoveNext();)
        {
            // More names than counted (added meanwhile): the general copy takes them all.
            if (taken == count) return SortedSnapshot().Values;
            keys[taken] = OrderKey(live.Name);
            names[taken] = live.Name;
            found[taken++] = live.Value;
        }
        // The sort moves keys and small indexes, never references: a reference stored costs a write barrier.
        OrderSmall(keys[..taken], names, order[..taken]);
        var values = new T[taken];
        // Stores through a span: an array of T in shared generic code checks the type of every element stored in it.
        var valueSpan = values.AsSpan();
        for (var i = 0; i < valueSpan.Length; i++) valueSpan[i] = found[order[i]];
        return values;
    }

    /// <summary>
    /// Sorts <paramref name="keys"/> (the <see cref="OrderKey"/> of each of the first names of <paramref name="names"/>)
    /// and gives in <paramref name="order"/> the index of each name in ordinal order; equal keys are settled by the names.
    /// </summary>
    private static void OrderSmall(Span<ulong> keys, ReadOnlySpan<string> names, Span<byte> order)
    {
        for (var i = 0; i < order.Length; i++) order[i] = (byte)i;
        for (var i = 1; i < order.Length; i++)
        {
            var key = keys[i];
            var index = order[i];
            var j = i - 1;
            while (j >= 0 && (keys[j] > key || (keys[j] == key && string.CompareOrdinal(names[order[j]], names[index]) > 0)))
            {
                keys[j + 1] = keys[j];
                order[j + 1] = order[j];
                j--;
            }
            keys[j + 1] = key;
            order[j + 1] = index;
        }
    }

    /// <summary>Copies the live names and values into the arrays (grown when names were added meanwhile); returns how many.</summary>
    private static int Collect(Table table, ref string[] names, ref T[] values)
    {
        var valueSpan = values.AsSpan();
        var taken = 0;
        for (var live = new LiveEntries(table); live.MoveNext();)
        {
            if (taken == names.Length)
            {
                Array.Resize(ref names, taken * 2 + 1);
                Array.Resize(ref values, names.Length);
                valueSpan = values.AsSpan();
            }
            names[taken] = live.Name;
            valueSpan[taken++] = live.Value;
        }
        return taken;
    }

    /// <summary>The live names of a table and their values, in slot order, read without a lock (see the remarks on the class).</summary>
    private ref struct LiveEntries(Table table)
    {
        private int _next = -1;

        /// <summary>The current name (valid after <see cref="MoveNext"/> returned true).</summary>
        public string Name { get; private set; } = null!;

        /// <summary>The current name's value.</summary>
        public T Value { get; private set; } = null!;

        public bool MoveNext()
        {
            var hashes = table.Hashes;
            while (++_next < hashes.Length)
            {
                if ((Volatile.Read(ref hashes[_next]) & 1) == 0) continue;
                ref var slot = ref table.Slots[_next];
                if (Volatile.Read(ref slot.Name) is not { } name || Volatile.Read(ref slot.Value) is not { } value) continue;
                Name = name;
                Value = value;
                return true;
            }
            return false;
        }
    }

    // Most directories are small: an insertion sort with the comparison inline beats a general sort that calls a
    // comparer through an interface.
    private const int SmallSort = 16;

    /// <summary>
    /// Sorts a few names (and their values with them) by ordinal order, given each name's <see cref="OrderKey"/>. The
    /// keys are read as the names are collected, in reads independent of each other (the processor overlaps their
    /// cache misses), and most comparisons are then of two keys, not of two strings in memory.
    /// </summary>
    private static void SortSmall(Span<ulong> keys, Span<string> names, Span<T> values)
    {
        for (var i = 1; i < names.Length; i++)
        {
            var key = keys[i];
            var name = names[i];
            var value = values[i];
            var j = i - 1;
            while (j >= 0 && (keys[j] > key || (keys[j] == key && string.CompareOrdinal(names[j], name) > 0)))
            {
                keys[j + 1] = keys[j];
                names[j + 1] = names[j];
                values[j + 1] = values[j];
                j--;
            }
            keys[j + 1] = key;
            names[j + 1] = name;
            values[j + 1] = value;
        }
    }

    /// <summary>
    /// Sorts many names (and their values with them) by ordinal order: by each name's <see cref="OrderKey"/> taken past
    /// the prefix all of them share (a sort of numbers, with no string read per comparison), then each run of names
    /// with one key by the whole names. Names that share a long prefix ("file000001") still spread over many keys.
    /// </summary>
    private static void SortLarge(Span<string> names, Span<T> values)
    {
        var count = names.Length;
        var first = names[0];
        var shared = first.Length;
        for (var i = 1; i < count && shared > 0; i++) shared = Math.Min(shared, first.AsSpan(0, shared).CommonPrefixLength(names[i]));
        var keys = System.Buffers.ArrayPool<ulong>.Shared.Rent(count);
        var order = System.Buffers.ArrayPool<int>.Shared.Rent(count);
        var unsortedNames = System.Buffers.ArrayPool<string>.Shared.Rent(count);
        var unsortedValues = System.Buffers.ArrayPool<T>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                keys[i] = OrderKey(names[i], shared);
                order[i] = i;
            }
            Array.Sort(keys, order, 0, count);
            names.CopyTo(unsortedNames);
            values.CopyTo(unsortedValues);
            for (var i = 0; i < count; i++)
            {
                names[i] = unsortedNames[order[i]];
                values[i] = unsortedValues[order[i]];
            }
            for (var start = 0; start < count;)
            {
                var end = start + 1;
                while (end < count && keys[end] == keys[start]) end++;
                if (end - start > SmallSort) SortRun(names[start..end], values[start..end]);
                else if (end - start > 1) SortSmall(keys.AsSpan(start, end - start), names[start..end], values[start..end]);
                start = end;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(keys);
            System.Buffers.ArrayPool<int>.Shared.Return(order);
            // Cleared: a pooled array must not keep a branch's names and nodes alive.
            System.Buffers.ArrayPool<string>.Shared.Return(unsortedNames, clearArray: true);
            System.Buffers.ArrayPool<T>.Shared.Return(unsortedValues, clearArray: true);
        }
    }

    /// <summary>A long run of names with one key: sorted by the whole names, through arrays the general sort takes.</summary>
    private static void SortRun(Span<string> names, Span<T> values)
    {
        var keys = names.ToArray();
        var items = values.ToArray();
        Array.Sort(keys, items, StringComparer.Ordinal);
        keys.CopyTo(names);
        items.CopyTo(values);
    }

    /// <summary>
    /// The four characters of <paramref name="name"/> from <paramref name="start"/>, the first in the highest bits, a
    /// missing one as 0: between names that share their first <paramref name="start"/> characters, a key below
    /// another's means the name sorts first by ordinal order; equal keys leave the order to the whole names.
    /// </summary>
    private static ulong OrderKey(string name, int start = 0)
    {
        if (name.Length - start >= 4)
        {
            // Four characters in one read, then in the opposite order (the first character highest).
            var chars = MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(name.AsSpan(start, 4)));
            return (chars << 48) | ((chars & 0xFFFF_0000) << 16) | ((chars >> 16) & 0xFFFF_0000) | (chars >> 48);
        }
        ulong key = 0;
        for (var i = start; i < start + 4; i++) key = (key << 16) | (i < name.Length ? name[i] : 0u);
        return key;
    }

    /// <summary>The slot of <paramref name="name"/> in <paramref name="table"/>, or -1 (writers: no concurrent change).</summary>
    private static int Find(Table table, ReadOnlySpan<char> name, int hash)
    {
        var hashes = table.Hashes;
        var mask = hashes.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var found = hashes[i];
            if (found == Empty) return -1;
            if (found == hash && name.SequenceEqual(table.Slots[i].Name)) return i;
        }
    }

    /// <summary>Copies the live entries into a table sized for <paramref name="count"/> and publishes it.</summary>
    private Table Rebuild(int count)
    {
        var capacity = MinCapacity;
        // A directory that outgrows the smallest table usually holds more than a few names: it skips the next size.
        while (count > Limit(capacity)) capacity *= capacity == MinCapacity ? 4 : 2;
        var table = new Table(capacity);
        var mask = capacity - 1;
        if (_table is { } old)
        {
            for (var j = 0; j < old.Hashes.Length; j++)
            {
                var hash = old.Hashes[j];
                if ((hash & 1) == 0) continue;
                var i = hash & mask;
                while (table.Hashes[i] != Empty) i = (i + 1) & mask;
                table.Hashes[i] = hash;
                table.Slots[i] = old.Slots[j];
            }
        }
        _used = _count;
        Volatile.Write(ref _table, table);
        return table;
    }

    /// <summary>The most slots (live or tombstones) a table of <paramref name="capacity"/> may use: 7/8 of it, at least one free.</summary>
    private static int Limit(int capacity) => capacity - Math.Max(1, capacity / 8);

    /// <summary>
    /// A hash of the characters (odd, so never <see cref="Empty"/> or <see cref="Tombstone"/>), seeded per process so
    /// that no set of names collides on every machine. Four characters a step: most names take one or two.
    /// </summary>
    private static int Hash(ReadOnlySpan<char> name)
    {
        var hash = ((ulong)Seed << 32) ^ (uint)name.Length;
        var quads = MemoryMarshal.Cast<char, ulong>(name);
        foreach (var quad in quads) hash = BitOperations.RotateLeft((hash ^ quad) * 0x9E3779B97F4A7C15ul, 29);
        var rest = name[(quads.Length * 4)..];
        if (rest.Length >= 2) hash = BitOperations.RotateLeft((hash ^ MemoryMarshal.Cast<char, uint>(rest)[0]) * 0x9E3779B97F4A7C15ul, 29);
        if ((rest.Length & 1) != 0) hash = BitOperations.RotateLeft((hash ^ rest[^1]) * 0x9E3779B97F4A7C15ul, 29);
        hash ^= hash >> 32;
        hash *= 0xD6E8FEB86659FD93ul;
        hash ^= hash >> 32;
        return (int)((uint)hash | 1);
    }

    /// <summary>One allocation of slots, replaced whole when it fills up.</summary>
    private sealed class Table(int capacity)
    {
        public readonly int[] Hashes = new int[capacity];
        public readonly Slot[] Slots = new Slot[capacity];
    }

    /// <summary>Room on the stack for the names of a small directory while they are sorted.</summary>
    [System.Runtime.CompilerServices.InlineArray(SmallSort)]
    private struct SmallNames
    {
        private string _first;
    }

    /// <summary>Room on the stack for the values of a small directory while their names are sorted.</summary>
    [System.Runtime.CompilerServices.InlineArray(SmallSort)]
    private struct SmallValues
    {
        private T _first;
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Slot
    {
        public string? Name;
        public T? Value;
    }
}
