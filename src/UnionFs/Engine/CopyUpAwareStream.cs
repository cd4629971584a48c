namespace UnionFs.Engine;

/// <summary>
/// A read handle on a lower file. As with overlayfs (which reopens the real file after a copy-up), once
/// another handle copies the file up and writes, this handle reads the upper copy from the same position.
/// The check costs one volatile read per call: the union counts copy-ups.
/// </summary>
internal sealed class CopyUpAwareStream : Stream
{
    private readonly UnionEngine _engine;
    private readonly string _path;
    private Stream _inner;
    private int _seenCopyUps;
    private bool _switched;

    public CopyUpAwareStream(UnionEngine engine, string path, Stream lowerStream, int copyUpsAtOpen)
    {
        _engine = engine;
        _path = path;
        _inner = lowerStream;
        _seenCopyUps = copyUpsAtOpen;
    }

    public override bool CanRead => _inner.CanRead;
    public override bool CanSeek => _inner.CanSeek;
    public override bool CanWrite => false;

    public override long Length
    {
        get
        {
            Follow();
            return _inner.Length;
        }
    }

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Follow();
        return _inner.Read(buffer);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Follow();
        return _inner.Seek(offset, origin);
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("Stream does not support writing.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Stream does not support writing.");

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>After a copy-up anywhere in the union, switch to the upper copy if this file was the one copied.</summary>
    private void Follow()
    {
        if (_switched) return;
        var copyUps = _engine.CopyUpCount;
        if (copyUps == _seenCopyUps) return;
        _seenCopyUps = copyUps;
        if (_engine.Lookup.TryResolve(_path, followFinal: true, out var node) != Errno.None) return;
        if (!node!.IsFile || !_engine.Layers.IsUpper(node.Layer)) return;
        var upper = _engine.Layers.Upper!.OpenRead(node.BranchPath!);
        upper.Position = _inner.Position;
        _inner.Dispose();
        _inner = upper;
        _switched = true;
    }
}
