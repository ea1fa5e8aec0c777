using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.AcceptableUse.Hold;

/// <summary>
/// A held call's body kept in memory, so that a call the backend refused can be forwarded again byte for
/// byte. Bodies over the limit are not kept: their refusal is passed on, and nothing of them is lost.
/// </summary>
internal sealed class ReplayableRequestBody
{
    private readonly byte[] _bytes;
    private readonly int _count;

    private ReplayableRequestBody(byte[] bytes, int count)
    {
        _bytes = bytes;
        _count = count;
    }

    /// <summary>
    /// Reads the whole body when it fits in <paramref name="maxBytes"/> and makes <see cref="HttpRequest.Body"/>
    /// replay it; otherwise leaves the body so that it still yields every byte, and returns null.
    /// </summary>
    public static async Task<ReplayableRequestBody?> CaptureAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } announced && announced > maxBytes)
        {
            return null;
        }

        var limit = (int)Math.Min(maxBytes, Array.MaxLength - 1);
        var bytes = new byte[(int)Math.Min(limit + 1L, request.ContentLength is { } length ? length + 1 : 16 * 1024)];
        var count = 0;
        var original = request.Body;
        while (true)
        {
            if (count == bytes.Length)
            {
                if (count > limit)
                {
                    // Over the limit after all (no length was announced): forward what was read, then the rest.
                    request.Body = new ReplayingReadStream(new ArraySegment<byte>(bytes, 0, count), original);
                    return null;
                }

                Array.Resize(ref bytes, (int)Math.Min(limit + 1L, bytes.Length * 2L));
            }

            var read = await original.ReadAsync(bytes.AsMemory(count), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            count += read;
        }

        var body = new ReplayableRequestBody(bytes, count);
        body.Rewind(request);
        return body;
    }

    /// <summary>Makes the request's body the kept bytes again, from the start.</summary>
    public void Rewind(HttpRequest request) => request.Body = new MemoryStream(_bytes, 0, _count, writable: false);
}
