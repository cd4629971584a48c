namespace UnionFs;

/// <summary>
/// The wall clock as Linux stamps files with it: the kernel takes file times from a coarse clock (one tick of a few
/// milliseconds), and so does this, reading the system's UTC time at most once per millisecond. A time read is a
/// costly call on some machines, and a file operation needs several. Any other <see cref="TimeProvider"/> (a test's
/// fake clock) is asked every time.
/// </summary>
internal static class CoarseClock
{
    private static long s_millisecond = -1;
    private static long s_ticks;

    /// <summary>The current UTC time from <paramref name="clock"/>: coarse for the system clock, exact for any other.</summary>
    public static DateTime UtcNow(TimeProvider clock)
    {
        if (!ReferenceEquals(clock, TimeProvider.System)) return clock.GetUtcNow().UtcDateTime;
        var millisecond = Environment.TickCount64;
        if (millisecond != Volatile.Read(ref s_millisecond))
        {
            var now = DateTime.UtcNow.Ticks;
            Volatile.Write(ref s_ticks, now);
            Volatile.Write(ref s_millisecond, millisecond);
            return new DateTime(now, DateTimeKind.Utc);
        }
        return new DateTime(Volatile.Read(ref s_ticks), DateTimeKind.Utc);
    }
}
