namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// Reads the request body through, keeping every byte read so it can be forwarded unchanged afterwards,
/// and refusing to read more than a limit: whatever the caller sends, the peek costs a bounded amount.
/// </summary>
internal sealed class CapturingReadStream : Stream
{
    private readonly Stream _inner;
    private readonly int _limit;
    private byte[] _captured;
    private int _length;

    public CapturingReadStream(Stream inner, int limit)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        _inner = inner;
        _limit = limit;
        _captured = new byte[Math.Min(limit + 1, 4096)];
    }

    /// <summary>The bytes read so far, in order.</summary>
    public ArraySegment<byte> Captured => new(_captured, 0, _length);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // One byte past the limit is read so a body of exactly the limit still ends normally.
        var room = Math.Min(buffer.Length, _limit + 1 - _length);
        var read = await _inner.ReadAsync(buffer[..room], cancellationToken).ConfigureAwait(false);
        Keep(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var room = Math.Min(count, _limit + 1 - _length);
        var read = _inner.Read(buffer, offset, room);
        Keep(buffer.AsSpan(offset, read));
        return read;
    }

    private void Keep(ReadOnlySpan<byte> read)
    {
        if (_length + read.Length > _captured.Length)
        {
            Array.Resize(ref _captured, Math.Min(_limit + 1, Math.Max(_captured.Length * 2, _length + read.Length)));
        }

        read.CopyTo(_captured.AsSpan(_length));
        _length += read.Length;
        if (_length > _limit)
        {
            throw new EnvelopeTooLargeException();
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
