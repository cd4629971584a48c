
namespace UnionFs.Cli.Output;

/// <summary>
/// Shows the bytes fetched of the blob being read from a registry on the progress line, at most ten times a
/// second (and when a blob completes), so a fast transfer does not spend its time redrawing the terminal.
/// </summary>
internal sealed class FetchProgress(Progress progress) : IProgress<BlobFetchProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private DateTime _last = DateTime.MinValue;

    public void Report(BlobFetchProgress value)
    {
        lock (_gate)
        {
            if (!_numbers.TryGetValue(value.Digest, out var number)) _numbers[value.Digest] = number = _numbers.Count + 1;
            var now = DateTime.UtcNow;
            if (now - _last < Interval && value.BytesFetched < value.Length) return;
            _last = now;
            progress.Report($"fetching blob {number} ({Text.ShortDigest(value.Digest)}): {Text.Size(value.BytesFetched)} of {Text.Size(value.Length)}…");
        }
    }
}
