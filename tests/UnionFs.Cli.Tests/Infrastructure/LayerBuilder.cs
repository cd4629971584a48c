using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace UnionFs.Cli.Tests.Infrastructure;

/// <summary>Builds layer tars in memory with System.Formats.Tar, entry by entry, in the order given (copied from UnionFs.Images.Tests).</summary>
public sealed class LayerBuilder
{
    private static readonly DateTimeOffset Time = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly List<TarEntry> _entries = [];
    private readonly TarEntryFormat _format;

    public LayerBuilder(TarEntryFormat format = TarEntryFormat.Pax) => _format = format;

    public LayerBuilder Dir(string name, UnixFileMode mode = (UnixFileMode)0x1ED) => Add(TarEntryType.Directory, name.EndsWith('/') ? name : name + "/", mode);

    public LayerBuilder File(string name, string content, UnixFileMode mode = (UnixFileMode)0x1A4) => File(name, Encoding.UTF8.GetBytes(content), mode);

    public LayerBuilder File(string name, byte[] content, UnixFileMode mode = (UnixFileMode)0x1A4)
    {
        var entry = New(TarEntryType.RegularFile, name, mode);
        entry.DataStream = new MemoryStream(content);
        _entries.Add(entry);
        return this;
    }

    public LayerBuilder Symlink(string name, string target)
    {
        var entry = New(TarEntryType.SymbolicLink, name, (UnixFileMode)0x1FF);
        entry.LinkName = target;
        _entries.Add(entry);
        return this;
    }

    public LayerBuilder HardLink(string name, string target)
    {
        var entry = New(TarEntryType.HardLink, name, (UnixFileMode)0x1A4);
        entry.LinkName = target;
        _entries.Add(entry);
        return this;
    }

    /// <summary>A <c>.wh.</c> entry hiding <paramref name="path"/>.</summary>
    public LayerBuilder Whiteout(string path)
    {
        var slash = path.LastIndexOf('/');
        var name = slash < 0 ? ".wh." + path : path[..(slash + 1)] + ".wh." + path[(slash + 1)..];
        return Add(TarEntryType.RegularFile, name, 0);
    }

    /// <summary>A <c>.wh..wh..opq</c> marker in directory <paramref name="directory"/> ("" for the root).</summary>
    public LayerBuilder Opaque(string directory) =>
        Add(TarEntryType.RegularFile, (directory.Length == 0 ? "" : directory.TrimEnd('/') + "/") + ".wh..wh..opq", 0);

    public LayerBuilder Entry(TarEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    public LayerBuilder Add(TarEntryType type, string name, UnixFileMode mode)
    {
        _entries.Add(New(type, name, mode));
        return this;
    }

    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                if (entry.DataStream is { } data) data.Position = 0;
                writer.WriteEntry(entry);
            }
        }
        return buffer.ToArray();
    }

    private TarEntry New(TarEntryType type, string name, UnixFileMode mode)
    {
        TarEntry entry = _format switch
        {
            TarEntryFormat.Gnu => new GnuTarEntry(type, name),
            TarEntryFormat.Ustar => new UstarTarEntry(type, name),
            TarEntryFormat.V7 => new V7TarEntry(type == TarEntryType.RegularFile ? TarEntryType.V7RegularFile : type, name),
            _ => new PaxTarEntry(type, name),
        };
        entry.Mode = mode;
        entry.ModificationTime = Time;
        return entry;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return buffer.ToArray();
    }

    public static byte[] Compress(byte[] data, LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => Gzip(data),
        _ => data,
    };

    public static string Sha256(byte[] data) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data));
}
