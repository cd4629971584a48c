namespace UnionFs.Engine;

/// <summary>
/// The process's file mode creation mask, which Linux applies to the mode of every file and directory it creates
/// (0666 and 0777 by default, or the mode asked for). Read once from <c>/proc/self/status</c>; 022 where that
/// cannot be read (another OS, a restricted /proc).
/// </summary>
internal static class ProcessUmask
{
    private static readonly Lazy<UnixFileMode> Mask = new(Read);

    /// <summary>The bits taken away from a new object's mode.</summary>
    public static UnixFileMode Value => Mask.Value;

    /// <summary><paramref name="mode"/> as the kernel gives it to a new object.</summary>
    public static UnixFileMode Apply(UnixFileMode mode) => mode & ~Value;

    private static UnixFileMode Read()
    {
        const UnixFileMode Fallback = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("Umask:", StringComparison.Ordinal)) continue;
                return (UnixFileMode)Convert.ToInt32(line["Umask:".Length..].Trim(), 8) & (UnixFileMode)0x1FF;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // No /proc: the usual mask.
        }
        return Fallback;
    }
}
