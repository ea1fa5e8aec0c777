namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// The request body as the caller sent it after a peek: the bytes already read, then the rest of the
/// original stream. The body reaches DRRS byte for byte, and only the peeked start was ever held in memory.
/// </summary>
internal sealed class ReplayingReadStream : Stream
{
    private readonly ArraySegment<byte> _prefix;
    private readonly Stream _rest;
    private int _replayed;

    public ReplayingReadStream(ArraySegment<byte> prefix, Stream rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        _prefix = prefix;
        _rest = rest;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_replayed < _prefix.Count)
        {
            return new(Replay(buffer.Span));
        }

        return _rest.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        _replayed < _prefix.Count ? Replay(buffer.AsSpan(offset, count)) : _rest.Read(buffer, offset, count);

    private int Replay(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _prefix.Count - _replayed);
        _prefix.AsSpan(_replayed, count).CopyTo(destination);
        _replayed += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
