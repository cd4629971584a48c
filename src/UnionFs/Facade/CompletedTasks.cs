namespace UnionFs.Facade;

/// <summary>
/// The asynchronous members of a union do their work synchronously (there is no device to wait for), and answer
/// a cancelled token as .NET's own asynchronous file members do: with a cancelled task, which awaiting turns
/// into a <see cref="TaskCanceledException"/>.
/// </summary>
internal static class CompletedTasks
{
    public static Task Run(Action action, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        action();
        return Task.CompletedTask;
    }

    public static Task<T> Run<T>(Func<T> function, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<T>(cancellationToken) : Task.FromResult(function());
}
