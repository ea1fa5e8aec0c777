using DrrsGateway.Infrastructure;

namespace DrrsGateway.Proxy.OneWrite;

/// <summary>
/// Writes through to the HTTP client's request stream, but passes a flush on only once some of the body
/// was written: a flush before that would send the request's headers on their own.
/// </summary>
/// <remarks>Owned by the HTTP client's connection: disposing this wrapper leaves that stream alone.</remarks>
internal sealed class NoFlushBeforeBodyStream(Stream requestStream) : WriteOnlyStream
{
    private bool _wrote;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _wrote |= !buffer.IsEmpty;
        requestStream.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _wrote |= !buffer.IsEmpty;
        return requestStream.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
        if (_wrote)
        {
            requestStream.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _wrote ? requestStream.FlushAsync(cancellationToken) : Task.CompletedTask;
}
