using System.Runtime.ExceptionServices;

namespace UnionFs.Tests.Scale;

/// <summary>
/// Runs a test body on a thread with a small stack (512 KiB): recursion once per level of a 10,000-deep tree would
/// need more than that at any frame size, so a body that finishes proves the code under it walks without recursing,
/// whatever stack the test runner's own threads have.
/// </summary>
public static class SmallStackThread
{
    public const int Size = 512 * 1024;

    public static void Run(Action body) => Run(body, Size);

    /// <summary>Runs <paramref name="body"/> on a thread with a stack of <paramref name="stackSize"/> bytes.</summary>
    public static void Run(Action body, int stackSize)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, stackSize);
        thread.Start();
        thread.Join();
        failure?.Throw();
    }
}
