namespace UnionFs.Cli.Output;

/// <summary>
/// A one-line progress indicator on standard error, drawn only when standard error is a terminal (redrawn in
/// place and erased when the work is done), so redirected output never carries it.
/// </summary>
internal sealed class Progress(TextWriter error, bool enabled)
{
    private bool _shown;

    /// <summary>Shows <paramref name="message"/> in place of the previous one.</summary>
    public void Report(string message)
    {
        if (!enabled) return;
        error.Write("\r\u001b[K" + message);
        error.Flush();
        _shown = true;
    }

    /// <summary>Erases the progress line, if one is shown.</summary>
    public void Clear()
    {
        if (!_shown) return;
        error.Write("\r\u001b[K");
        error.Flush();
        _shown = false;
    }
}
