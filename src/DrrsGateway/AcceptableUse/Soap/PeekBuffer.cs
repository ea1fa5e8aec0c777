namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// The start of a request body, read into memory up to one byte past a limit (so a body of exactly the
/// limit still ends normally). Everything read is replayed to the backend afterwards.
/// </summary>
internal sealed class PeekBuffer(int limit, long? contentLength)
{
    // Sized to the announced body when there is one (plus the byte that shows it ended), else 8 KB to start.
    private byte[] _bytes = new byte[(int)Math.Min(limit + 1, contentLength is { } length ? Math.Max(length + 1, 64) : 8192)];

    public int Count { get; private set; }

    /// <summary>True once the body ended (a read returned nothing).</summary>
    public bool Complete { get; private set; }

    /// <summary>True when more than the limit was read: the envelope's start did not fit.</summary>
    public bool OverLimit => Count > limit;

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Count);

    public ArraySegment<byte> Segment => new(_bytes, 0, Count);

    internal byte[] Array => _bytes;

    /// <summary>
    /// Reads what the body has next, at most up to one byte past the limit; a body whose length was
    /// announced is complete once that much has arrived, without waiting for one more empty read.
    /// </summary>
    public async Task FillAsync(Stream body, CancellationToken cancellationToken)
    {
        MakeRoom();
        Advance(await body.ReadAsync(_bytes.AsMemory(Count, _bytes.Length - Count), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The same as <see cref="FillAsync"/> from a stream over bytes already in memory.</summary>
    public void Fill(Stream body)
    {
        MakeRoom();
        Advance(body.Read(_bytes.AsSpan(Count, _bytes.Length - Count)));
    }

    private void MakeRoom()
    {
        if (Count == _bytes.Length)
        {
            System.Array.Resize(ref _bytes, Math.Min(limit + 1, _bytes.Length * 2));
        }
    }

    private void Advance(int read)
    {
        Count += read;
        Complete = read == 0 || Count >= contentLength;
    }
}
