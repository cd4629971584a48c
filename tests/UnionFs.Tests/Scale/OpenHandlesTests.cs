using System.Text;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Scale;

/// <summary>
/// <see cref="ScaleBudget.Handles"/> handles open on union files at once, half reading lower files, half writing
/// (new files and lower files copied up on open), all written, read back and disposed; then every file holds what
/// was written and every lower is unchanged. Over memory branches nothing limits the count; over the real disk each
/// handle is a descriptor, and where the process limit is lower than the count the open that passes it must fail
/// with a clear <see cref="IOException"/> (EMFILE), after which the union works on as before.
/// </summary>
[NonParallelizable]
public class OpenHandlesTests
{
    private const int EMFILE = 24;

    private static readonly EntryMetadata FileMetadata = EntryMetadata.NewFile(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [TestCase(BranchKind.Memory)]
    [TestCase(BranchKind.RealDirectory)]
    public void ThousandsOfHandles_OpenAtOnce_ShouldEachReadOrWriteTheirOwnFile(BranchKind kind)
    {
        var count = ScaleBudget.Handles;
        var half = count / 2;
        using var store = new BranchStore(kind);
        var lower = store.Create("lower");
        for (var i = 0; i < count; i++)
        {
            if (i % 100 == 0) lower.CreateDirectory($"/d{i / 100:D3}", EntryMetadata.NewDirectory(FileMetadata.LastWriteTimeUtc), opaque: false);
            using var content = new MemoryStream(Encoding.UTF8.GetBytes($"lower {i}"));
            lower.CreateFile(Name(i), content, FileMetadata);
        }
        var before = BranchFingerprint.Of(lower, SnapshotDetail.FullWithoutAccessTime);
        var guard = new GuardedBranch(lower, "lower");
        var fs = new UnionFileSystem(store.Create("upper"), guard);

        var streams = new List<FileSystemStream>();
        IOException? limit = null;
        try
        {
            for (var i = 0; i < count && limit is null; i++)
            {
                try
                {
                    // Even handles read lower files; odd ones write: new names, and lower files copied up on open.
                    streams.Add(i % 2 == 0 ? fs.File.OpenRead(Name(i))
                        : i % 4 == 1 ? fs.File.Create(Name(i) + ".new")
                        : fs.File.Open(Name(i), FileMode.Open, FileAccess.ReadWrite));
                }
                catch (IOException e) when (kind != BranchKind.Memory && e.HResult == EMFILE)
                {
                    limit = e;
                }
            }
            if (kind == BranchKind.Memory) streams.Should().HaveCount(count);

            for (var s = 0; s < streams.Count; s++)
            {
                var stream = streams[s];
                if (s % 2 == 0)
                {
                    new StreamReader(stream).ReadToEnd().Should().Be($"lower {s}");
                }
                else
                {
                    stream.Seek(0, SeekOrigin.End);
                    stream.Write(Encoding.UTF8.GetBytes($"+{s}"));
                }
            }
        }
        finally
        {
            foreach (var stream in streams) stream.Dispose();
        }

        for (var s = 0; s < streams.Count; s++)
        {
            var expected = s % 2 == 0 ? $"lower {s}" : s % 4 == 1 ? $"+{s}" : $"lower {s}+{s}";
            fs.File.ReadAllText(s % 4 == 1 ? Name(s) + ".new" : Name(s)).Should().Be(expected);
        }
        if (limit is not null) limit.Message.Should().NotBeNullOrEmpty();
        fs.File.WriteAllText("/after", "the union works on");
        fs.File.ReadAllText("/after").Should().Be("the union works on");
        guard.Violations.Should().BeEmpty();
        BranchFingerprint.Of(lower, SnapshotDetail.FullWithoutAccessTime).Should().Be(before);
    }

    private static string Name(int i) => $"/d{i / 100:D3}/f{i:D4}";
}
