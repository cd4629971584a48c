using System.Globalization;
using System.Text;

namespace UnionFs.Kernel.Tests.Infrastructure;

/// <summary>
/// One file-system operation on union paths. <see cref="Apply"/> runs it on a side and records the outcome;
/// <see cref="ToString"/> is the C# that does the same on an <c>IFileSystem fs</c> (paste it into a repro).
/// </summary>
public abstract record Op
{
    /// <summary>Short name for grouping divergences.</summary>
    public virtual string Kind => GetType().Name;

    public Outcome Apply(Side side)
    {
        try
        {
            return Outcome.Ok(Run(side));
        }
        catch (Exception e)
        {
            return Outcome.Of(e);
        }
    }

    protected abstract string? Run(Side side);

    public abstract override string ToString();

    protected static string S(string value) => Code.Str(value);

    protected static string B(bool value) => value ? "true" : "false";
}

public sealed record WriteAllText(string Path, string Text) : Op
{
    protected override string? Run(Side side)
    {
        side.Fs.File.WriteAllText(side.P(Path), Text);
        return null;
    }

    public override string ToString() => $"fs.File.WriteAllText({S(Path)}, {S(Text)});";
}

public sealed record AppendAllText(string Path, string Text) : Op
{
    protected override string? Run(Side side)
    {
        side.Fs.File.AppendAllText(side.P(Path), Text);
        return null;
    }

    public override string ToString() => $"fs.File.AppendAllText({S(Path)}, {S(Text)});";
}

public sealed record ReadAllText(string Path) : Op
{
    protected override string? Run(Side side) => side.Fs.File.ReadAllText(side.P(Path));

    public override string ToString() => $"fs.File.ReadAllText({S(Path)});";
}

/// <summary>Opens with a mode and access; reads what it can, writes <see cref="Text"/> if it may, reports the length seen at open.</summary>
public sealed record OpenFile(string Path, FileMode Mode, FileAccess Access, string Text) : Op
{
    public override string Kind => $"Open({Mode},{Access})";

    protected override string? Run(Side side)
    {
        using var stream = side.Fs.File.Open(side.P(Path), Mode, Access);
        var result = new StringBuilder().Append(CultureInfo.InvariantCulture, $"length={stream.Length} position={stream.Position}");
        if (stream.CanRead)
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, false, 1024, leaveOpen: true);
            result.Append(" read=").Append(Code.Str(reader.ReadToEnd()));
        }
        if (stream.CanWrite) stream.Write(Encoding.UTF8.GetBytes(Text));
        return result.ToString();
    }

    public override string ToString() =>
        $"using (var s = fs.File.Open({S(Path)}, FileMode.{Mode}, FileAccess.{Access})) {{ if (s.CanRead) new StreamReader(s, leaveOpen: true).ReadToEnd(); if (s.CanWrite) s.Write(Encoding.UTF8.GetBytes({S(Text)})); }}";
}

/// <summary>
/// Two FileMode.Append handles at once: where each starts, a seek back to 0 (refused before the end at open), a
/// seek <see cref="Gap"/> bytes past the end, and a write on each; .NET opens without O_APPEND.
/// </summary>
public sealed record AppendHandles(string Path, string First, string Second, int Gap) : Op
{
    protected override string? Run(Side side)
    {
        var result = new StringBuilder();
        using (var first = side.Fs.File.Open(side.P(Path), FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        using (var second = side.Fs.File.Open(side.P(Path), FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            result.Append(CultureInfo.InvariantCulture, $"start={first.Position},{second.Position}");
            first.Write(Encoding.UTF8.GetBytes(First));
            second.Write(Encoding.UTF8.GetBytes(Second));
            try
            {
                first.Seek(0, SeekOrigin.Begin);
                result.Append(" seek0=ok");
            }
            catch (IOException e)
            {
                result.Append(CultureInfo.InvariantCulture, $" seek0={e.GetType().Name}:{e.HResult:x}");
            }
            first.Seek(Gap, SeekOrigin.End);
            first.Write("!"u8);
        }
        return result.ToString();
    }

    public override string ToString() =>
        $"using (var a = fs.File.Open({S(Path)}, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) using (var b = fs.File.Open({S(Path)}, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) {{ a.Write({S(First)}); b.Write({S(Second)}); try {{ a.Seek(0, SeekOrigin.Begin); }} catch (IOException) {{ }} a.Seek({Gap}, SeekOrigin.End); a.Write(\"!\"); }}";
}

public sealed record SetLength(string Path, long Length) : Op
{
    protected override string? Run(Side side)
    {
        using var stream = side.Fs.File.Open(side.P(Path), FileMode.Open, FileAccess.ReadWrite);
        stream.SetLength(Length);
        return null;
    }

    public override string ToString() =>
        $"using (var s = fs.File.Open({S(Path)}, FileMode.Open, FileAccess.ReadWrite)) s.SetLength({Length});";
}

public sealed record DeleteFile(string Path) : Op
{
    protected override string? Run(Side side)
    {
        side.Fs.File.Delete(side.P(Path));
        return null;
    }

    public override string ToString() => $"fs.File.Delete({S(Path)});";
}

public sealed record CreateDirectory(string Path) : Op
{
    protected override string? Run(Side side)
    {
        side.Fs.Directory.CreateDirectory(side.P(Path));
        return null;
    }

    public override string ToString() => $"fs.Directory.CreateDirectory({S(Path)});";
}

public sealed record DeleteDirectory(string Path, bool Recursive) : Op
{
    public override string Kind => Recursive ? "DeleteDirectory(recursive)" : "DeleteDirectory";

    protected override string? Run(Side side)
    {
        side.Fs.Directory.Delete(side.P(Path), Recursive);
        return null;
    }

    public override string ToString() => $"fs.Directory.Delete({S(Path)}, recursive: {B(Recursive)});";
}

public sealed record MoveFile(string Source, string Destination, bool Overwrite) : Op
{
    public override string Kind => Overwrite ? "MoveFile(overwrite)" : "MoveFile";

    protected override string? Run(Side side)
    {
        side.Fs.File.Move(side.P(Source), side.P(Destination), Overwrite);
        return null;
    }

    public override string ToString() => $"fs.File.Move({S(Source)}, {S(Destination)}, overwrite: {B(Overwrite)});";
}

public sealed record MoveDirectory(string Source, string Destination) : Op
{
    protected override string? Run(Side side)
    {
        side.Fs.Directory.Move(side.P(Source), side.P(Destination));
        return null;
    }

    public override string ToString() => $"fs.Directory.Move({S(Source)}, {S(Destination)});";
}

public sealed record CopyFile(string Source, string Destination, bool Overwrite) : Op
{
    protected override string? Run(Side side)
    {
        side.Fs.File.Copy(side.P(Source), side.P(Destination), Overwrite);
        return null;
    }

    public override string ToString() => $"fs.File.Copy({S(Source)}, {S(Destination)}, overwrite: {B(Overwrite)});";
}

public sealed record ReplaceFile(string Source, string Destination, string? Backup) : Op
{
    protected override string? Run(Side side)
    {
        side.Fs.File.Replace(side.P(Source), side.P(Destination), Backup is null ? null : side.P(Backup));
        return null;
    }

    public override string ToString() => $"fs.File.Replace({S(Source)}, {S(Destination)}, {Code.Str(Backup)});";
}

public sealed record SetLastWriteTime(string Path) : Op
{
    private static readonly DateTime When = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    protected override string? Run(Side side)
    {
        side.Fs.File.SetLastWriteTimeUtc(side.P(Path), When);
        return null;
    }

    public override string ToString() => $"fs.File.SetLastWriteTimeUtc({S(Path)}, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));";
}

public sealed record SetUnixMode(string Path, UnixFileMode Mode) : Op
{
    protected override string? Run(Side side)
    {
        side.Fs.File.SetUnixFileMode(side.P(Path), Mode);
        return null;
    }

    public override string ToString() =>
        $"fs.File.SetUnixFileMode({S(Path)}, (UnixFileMode)0x{((int)Mode).ToString("x", CultureInfo.InvariantCulture)} /* {Convert.ToString((int)Mode, 8)} */);";
}

public sealed record SetReadOnly(string Path, bool ReadOnly) : Op
{
    protected override string? Run(Side side)
    {
        side.Fs.File.SetAttributes(side.P(Path), ReadOnly ? FileAttributes.ReadOnly : FileAttributes.Normal);
        return null;
    }

    public override string ToString() =>
        $"fs.File.SetAttributes({S(Path)}, FileAttributes.{(ReadOnly ? "ReadOnly" : "Normal")});";
}

public sealed record CreateSymlink(string Path, string Target) : Op
{
    protected override string? Run(Side side)
    {
        side.Fs.File.CreateSymbolicLink(side.P(Path), Target);
        return null;
    }

    public override string ToString() => $"fs.File.CreateSymbolicLink({S(Path)}, {S(Target)});";
}

public sealed record ResolveLinkTarget(string Path, bool ReturnFinalTarget) : Op
{
    protected override string? Run(Side side)
    {
        var info = side.Fs.File.ResolveLinkTarget(side.P(Path), ReturnFinalTarget);
        if (info is null) return "null";
        var kind = info is IDirectoryInfo ? "directory" : "file";
        return $"{kind} {side.Strip(info.FullName)} exists={B(info.Exists)}";
    }

    public override string ToString() => $"fs.File.ResolveLinkTarget({S(Path)}, returnFinalTarget: {B(ReturnFinalTarget)});";
}

/// <summary>What an <see cref="Enumerate"/> lists.</summary>
public enum Listing
{
    Entries,
    Files,
    Directories,
}

/// <summary>A listing; compared as a set (the kernel's order is not sorted).</summary>
public sealed record Enumerate(string Path, Listing What, string Pattern, SearchOption Option) : Op
{
    public override string Kind => $"Get{What}({Option})";

    protected override string? Run(Side side)
    {
        var path = side.P(Path);
        var entries = What switch
        {
            Listing.Files => side.Fs.Directory.GetFiles(path, Pattern, Option),
            Listing.Directories => side.Fs.Directory.GetDirectories(path, Pattern, Option),
            _ => side.Fs.Directory.GetFileSystemEntries(path, Pattern, Option),
        };
        return "[" + string.Join(", ", entries.Select(side.Strip).Order(StringComparer.Ordinal)) + "]";
    }

    public override string ToString() =>
        $"fs.Directory.Get{(What == Listing.Entries ? "FileSystemEntries" : What.ToString())}({S(Path)}, {S(Pattern)}, SearchOption.{Option});";
}

public sealed record Exists(string Path) : Op
{
    protected override string? Run(Side side) =>
        $"file={B(side.Fs.File.Exists(side.P(Path)))} directory={B(side.Fs.Directory.Exists(side.P(Path)))}";

    public override string ToString() => $"(fs.File.Exists({S(Path)}), fs.Directory.Exists({S(Path)}));";
}

public sealed record GetUnixMode(string Path) : Op
{
    protected override string? Run(Side side) => Convert.ToString((int)side.Fs.File.GetUnixFileMode(side.P(Path)), 8);

    public override string ToString() => $"fs.File.GetUnixFileMode({S(Path)});";
}

public sealed record GetAttributes(string Path) : Op
{
    protected override string? Run(Side side) => side.Fs.File.GetAttributes(side.P(Path)).ToString();

    public override string ToString() => $"fs.File.GetAttributes({S(Path)});";
}

/// <summary>What <see cref="ReadHandle"/> does while its handle is open.</summary>
public enum WhileOpen
{
    /// <summary>Appends through another handle (on a lower file: a copy-up).</summary>
    Append,

    /// <summary>Rewrites the file through another handle.</summary>
    Rewrite,

    /// <summary>Deletes the file.</summary>
    Delete,

    /// <summary>Moves the file to <see cref="ReadHandle.Other"/>.</summary>
    Move,
}

/// <summary>
/// Opens a read handle, reads, changes the file by path while the handle stays open, then reads the handle
/// again from the start: what an open handle sees after a copy-up, an unlink or a rename.
/// </summary>
public sealed record ReadHandle(string Path, WhileOpen Action, string Other) : Op
{
    public override string Kind => $"ReadHandle({Action})";

    protected override string? Run(Side side)
    {
        // Unbuffered (bufferSize 1), so the second read asks the file system and not FileStream's own buffer.
        using var handle = side.Fs.FileStream.New(side.P(Path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        var before = ReadAll(handle);
        switch (Action)
        {
            case WhileOpen.Append: side.Fs.File.AppendAllText(side.P(Path), Other); break;
            case WhileOpen.Rewrite: side.Fs.File.WriteAllText(side.P(Path), Other); break;
            case WhileOpen.Delete: side.Fs.File.Delete(side.P(Path)); break;
            default: side.Fs.File.Move(side.P(Path), side.P(Other)); break;
        }
        handle.Position = 0;
        return $"before={Code.Str(before)} after={Code.Str(ReadAll(handle))}";
    }

    private static string ReadAll(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 1024, leaveOpen: true);
        return reader.ReadToEnd();
    }

    public override string ToString()
    {
        var action = Action switch
        {
            WhileOpen.Append => $"fs.File.AppendAllText({S(Path)}, {S(Other)});",
            WhileOpen.Rewrite => $"fs.File.WriteAllText({S(Path)}, {S(Other)});",
            WhileOpen.Delete => $"fs.File.Delete({S(Path)});",
            _ => $"fs.File.Move({S(Path)}, {S(Other)});",
        };
        return $"using (var h = fs.FileStream.New({S(Path)}, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1)) {{ new StreamReader(h, leaveOpen: true).ReadToEnd(); {action} h.Position = 0; new StreamReader(h, leaveOpen: true).ReadToEnd(); }}";
    }
}
