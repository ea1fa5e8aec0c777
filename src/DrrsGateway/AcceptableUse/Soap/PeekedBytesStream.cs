namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// The bytes peeked so far, as a stream for the XML and MIME readers. Where the body goes on beyond them
/// it throws <see cref="NeedMoreBytesException"/> instead of ending, so a reader never mistakes the end of
/// what arrived so far for the end of the envelope.
/// </summary>
internal sealed class PeekedBytesStream(PeekBuffer buffer) : Stream
{
    private int _position;

    public override bool CanRead => true;

    // Seekable so that the XML reader sizes its buffer to what is here (a few KB), not to its 64 KB default.
    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => buffer.Count;

    public override long Position
    {
        get => _position;
        set => _position = (int)Math.Clamp(value, 0, buffer.Count);
    }

    public override int Read(byte[] buffer1, int offset, int count) => Read(buffer1.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        var available = buffer.Count - _position;
        if (available == 0)
        {
            return buffer.Complete || destination.IsEmpty ? 0 : throw new NeedMoreBytesException();
        }

        var count = Math.Min(available, destination.Length);
        buffer.Span.Slice(_position, count).CopyTo(destination);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
        new(Read(destination.Span));

    public override Task<int> ReadAsync(byte[] buffer1, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer1.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => buffer.Count + offset,
        };
        return _position;
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer1, int offset, int count) => throw new NotSupportedException();
}
