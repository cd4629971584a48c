using System.Text;

namespace UnionFs.Images.Tests.Infrastructure;

/// <summary>Raw byte edits of tar headers (with the checksum fixed afterwards) and hand-made headers.</summary>
public static class RawTar
{
    /// <summary>The offset of the header whose name field starts with <paramref name="name"/>.</summary>
    public static int FindHeader(byte[] tar, string name)
    {
        var bytes = Encoding.ASCII.GetBytes(name);
        for (var offset = 0; offset + 512 <= tar.Length; offset += 512)
            if (tar.AsSpan(offset, bytes.Length).SequenceEqual(bytes) && tar[offset + 257] == (byte)'u') return offset;
        throw new ArgumentException($"No header named '{name}'.");
    }

    public static byte[] Patch(byte[] tar, int header, Action<Span<byte>> edit)
    {
        var copy = (byte[])tar.Clone();
        edit(copy.AsSpan(header, 512));
        FixChecksum(copy.AsSpan(header, 512));
        return copy;
    }

    public static void FixChecksum(Span<byte> header)
    {
        header.Slice(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header) sum += b;
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header[148..]);
    }

    /// <summary>A USTAR header of the given type and size (the data is not included).</summary>
    public static byte[] Header(string name, char type, long size)
    {
        var header = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 116);
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        Encoding.ASCII.GetBytes("14543106244\0").CopyTo(header, 136);
        header[156] = (byte)type;
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(header, 257);
        FixChecksum(header);
        return header;
    }
}
