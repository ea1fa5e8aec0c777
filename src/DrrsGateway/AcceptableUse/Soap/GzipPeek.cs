using System.IO.Compression;

namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// Inflates the peeked start of a gzip-encoded body for the envelope check only (the backend gets the
/// compressed bytes, unchanged). The inflated bytes are bounded by the same limit as the peek, so a
/// compression bomb costs at most that much memory and is refused like any envelope too long to read.
/// </summary>
internal static class GzipPeek
{
    /// <summary>
    /// What <paramref name="compressed"/> inflates to, up to one byte past <paramref name="limit"/>; complete
    /// once the gzip stream ended. Null when the bytes are not gzip.
    /// </summary>
    public static PeekBuffer? Inflate(PeekBuffer compressed, int limit)
    {
        // Inflated from the start on every attempt: the attempts are few (the parse waits for the peek to double).
        var inflated = new PeekBuffer(limit, contentLength: null);
        try
        {
            using var gzip = new GZipStream(new PeekedBytesStream(compressed), CompressionMode.Decompress);
            while (!inflated.Complete && !inflated.OverLimit)
            {
                inflated.Fill(gzip);
            }
        }
        catch (NeedMoreBytesException)
        {
            // The compressed body goes on beyond what arrived: what inflated so far is a start, not the whole.
        }
        catch (InvalidDataException)
        {
            return null;
        }

        return inflated;
    }
}
