using System.Collections.Concurrent;

namespace UnionFs.Tests.Infrastructure;

/// <summary>
/// Wraps a lower branch: reads pass through, every write member is recorded and refused. Streams it
/// hands out cannot be written either. Teardown asserts <see cref="Violations"/> stayed empty.
/// </summary>
public sealed class GuardedBranch : IBranch
{
    private readonly IBranch _inner;
    private readonly ConcurrentQueue<string> _violations = new();

    public GuardedBranch(IBranch inner, string name)
    {
        _inner = inner;
        Name = name;
    }

    public string Name { get; }

    public IBranch Inner => _inner;

    public IReadOnlyCollection<string> Violations => _violations.ToArray();

    public bool IsReadOnly => true;

    public bool SupportsRedirect => _inner.SupportsRedirect;

    public BranchEntry? Stat(string path) => _inner.Stat(path);

    public IEnumerable<BranchEntry> List(string path) => _inner.List(path);

    public Stream OpenRead(string path) => new ReadOnlyGuardStream(_inner.OpenRead(path), this, path);

    public Stream OpenWrite(string path) => throw Refuse(nameof(OpenWrite), path);

    public void CreateFile(string path, Stream? content, EntryMetadata metadata) => throw Refuse(nameof(CreateFile), path);

    public void CreateDirectory(string path, EntryMetadata metadata, bool opaque) => throw Refuse(nameof(CreateDirectory), path);

    public void CreateSymbolicLink(string path, string target, EntryMetadata metadata) => throw Refuse(nameof(CreateSymbolicLink), path);

    public void CreateWhiteout(string path) => throw Refuse(nameof(CreateWhiteout), path);

    public void Remove(string path) => throw Refuse(nameof(Remove), path);

    public void Rename(string sourcePath, string destinationPath, bool leaveWhiteout = false) => throw Refuse(nameof(Rename), $"{sourcePath} -> {destinationPath}");

    public void SetMetadata(string path, MetadataChange change) => throw Refuse(nameof(SetMetadata), path);

    public void SetOpaque(string path, bool opaque) => throw Refuse(nameof(SetOpaque), path);

    public void SetRedirect(string path, string? redirect) => throw Refuse(nameof(SetRedirect), path);

    internal InvalidOperationException Refuse(string member, string path)
    {
        var what = $"{member}({path}) on lower '{Name}'";
        _violations.Enqueue(what);
        return new InvalidOperationException("Write reached a lower branch: " + what);
    }

    public override string ToString() => $"Guarded({Name})";

    private sealed class ReadOnlyGuardStream(Stream inner, GuardedBranch owner, string path) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => throw owner.Refuse("Stream.SetLength", path);

        public override void Write(byte[] buffer, int offset, int count) => throw owner.Refuse("Stream.Write", path);

        public override void Write(ReadOnlySpan<byte> buffer) => throw owner.Refuse("Stream.Write", path);

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
