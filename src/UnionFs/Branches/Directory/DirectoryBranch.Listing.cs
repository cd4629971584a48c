using UnionFs.Native;

namespace UnionFs;

/// <summary>
/// Listing a directory of the real Linux file system: readdir gives each name with its kind, and the rest of what
/// lstat says (size, mode, times) is read only when someone asks for it, so listing a tree costs no system call
/// per entry. Links (their targets), directories (opaque and redirect markers) and whiteouts are read at once.
/// </summary>
public sealed partial class DirectoryBranch
{
    private const int DirectoryType = 0x4000;

    /// <summary>The listing of <paramref name="host"/> (branch path <paramref name="path"/>) through readdir; null when readdir is not available.</summary>
    private List<BranchEntry>? ListNatively(string path, string host)
    {
        if (!_onLinuxDisk || !HostDirectoryReader.IsAvailable) return null;
        var names = t_names ??= [];
        try
        {
            // A link where the directory should be is not a directory of the branch: not followed.
            if (!HostDirectoryReader.Read(host, names, noFollow: true)) return HostDirectoryReader.IsAvailable ? [] : null;
            return Listed(path, host, names);
        }
        finally
        {
            // Kept for the next listing on this thread, without the names; one that grew for a huge directory is let go.
            names.Clear();
            if (names.Capacity > MaxKeptNames) t_names = null;
        }
    }

    /// <summary>The names read by readdir, reused by each listing on the thread.</summary>
    [ThreadStatic]
    private static List<(string Name, HostEntryType Type)>? t_names;

    private const int MaxKeptNames = 4096;

    /// <summary>The entries of the listed <paramref name="names"/> of <paramref name="host"/>, sorted by name.</summary>
    private List<BranchEntry> Listed(string path, string host, List<(string Name, HostEntryType Type)> names)
    {
        // Markers first: a whiteout's marker may come after the name it hides, in any order.
        HashSet<string>? whiteouts = null;
        foreach (var (name, _) in names)
        {
            if (!_format.IsMarkerName(name) || _format.WhitedOutName(name) is not { } hidden) continue;
            (whiteouts ??= new HashSet<string>(StringComparer.Ordinal)).Add(hidden);
        }
        var pending = !_pendingWhiteouts.IsEmpty;
        var stat = new HostStat(this, host);
        var result = new List<BranchEntry>(names.Count);
        var seen = whiteouts is null ? null : new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, type) in names)
        {
            if (IsHiddenName(name)) continue;
            seen?.Add(name);
            if (pending && _pendingWhiteouts.ContainsKey(BranchPath.Combine(path, name)))
            {
                result.Add(Whiteout(name));
                continue;
            }
            try
            {
                if (Listed(path, host, name, type, whiteouts?.Contains(name) == true, stat) is { } entry) result.Add(entry);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Gone since the directory was read: a listing is a snapshot, as readdir's is.
            }
        }
        if (whiteouts is not null)
            foreach (var name in whiteouts)
                if (!seen!.Contains(name)) result.Add(Whiteout(name));
        result.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    /// <summary>The entry of one listed name; null when it vanished before its kind could be read.</summary>
    private BranchEntry? Listed(string path, string host, string name, HostEntryType type, bool hasWhiteoutBeside, HostStat stat)
    {
        // Only names that need a system call now get their host path as a string.
        if (type is not (HostEntryType.Directory or HostEntryType.RegularFile)) return ListedSpecial(path, host, name, type, hasWhiteoutBeside, stat);
        if (type == HostEntryType.RegularFile) return new BranchEntry(name, EntryKind.File, stat);
        // Opacity is read when asked for (a union with nothing below the branch never asks), unless a whiteout
        // beside the name already says it; a redirect (an xattr of the overlay format) is read now.
        var redirect = _format.SupportsRedirect ? _format.ReadRedirect(Join(host, name), BranchPath.Combine(path, name)) : null;
        if (hasWhiteoutBeside) return new BranchEntry(name, EntryKind.Directory, stat) { IsOpaque = true, Redirect = redirect };
        return new BranchEntry(name, EntryKind.Directory, stat, deferOpaque: true) { Redirect = redirect };
    }

    private static string Join(string host, string name) => host.Length == 1 ? "/" + name : host + "/" + name;

    /// <summary>A name whose kind the directory entry leaves open, a link, or a device (which may be a whiteout).</summary>
    private BranchEntry? ListedSpecial(string path, string host, string name, HostEntryType type, bool hasWhiteoutBeside, HostStat stat)
    {
        var childHost = Join(host, name);
        if (type == HostEntryType.Unknown)
        {
            if (LibC.Stat(childHost) is not { } status) return null;
            type = (status.Mode & LibC.TypeMask) switch
            {
                DirectoryType => HostEntryType.Directory,
                0xA000 => HostEntryType.SymbolicLink,
                LibC.CharacterDevice => HostEntryType.CharacterDevice,
                _ => HostEntryType.RegularFile,
            };
        }
        switch (type)
        {
            case HostEntryType.SymbolicLink:
                // A link's target is part of what a listing must say (the union follows it): one readlink now.
                var target = _fs.FileInfo.New(childHost).LinkTarget;
                if (target is null) return null;
                return new BranchEntry(name, EntryKind.SymbolicLink, stat) { LinkTarget = target };
            case HostEntryType.CharacterDevice when _format.IsWhiteoutEntry(childHost, isRegularOrOther: true):
                return Whiteout(name);
            case HostEntryType.Directory:
                return Listed(path, host, name, type, hasWhiteoutBeside, stat);
            default:
                // Pipes, sockets and devices, which a branch shows as files.
                return new BranchEntry(name, EntryKind.File, stat);
        }
    }

    /// <summary>The lstat part of the entries of one listed directory, each read on its first use.</summary>
    private sealed class HostStat(DirectoryBranch owner, string hostDirectory) : DeferredStat
    {
        public override bool ReadOpaque(string name) => owner._format.IsOpaque(Join(hostDirectory, name), hasWhiteoutBeside: false);

        public override StatPart Read(string name, EntryKind kind)
        {
            var fs = owner._fs;
            var hostPath = Join(hostDirectory, name);
            try
            {
                var info = fs.FileInfo.New(hostPath);
                var length = kind switch
                {
                    EntryKind.File => info.Length,
                    EntryKind.SymbolicLink => info.LinkTarget?.Length ?? 0,
                    _ => 0,
                };
                return new StatPart(
                    length,
                    MemoryBranch.KeepKindBits(info.Attributes, kind),
                    kind == EntryKind.SymbolicLink ? SymbolicLinkMode : fs.File.GetUnixFileMode(hostPath),
                    info.CreationTimeUtc,
                    info.LastAccessTimeUtc,
                    info.LastWriteTimeUtc);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Removed since it was listed (a lower must not change while mounted): what is left to say is nothing.
                var epoch = DateTime.UnixEpoch;
                return new StatPart(0, kind == EntryKind.Directory ? FileAttributes.Directory : FileAttributes.Normal, 0, epoch, epoch, epoch);
            }
        }
    }
}
