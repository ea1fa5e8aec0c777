using System.IO.Compression;
using System.Text;
using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Hold;

/// <summary>
/// What counts as the backend's own AUP refusal of a forwarded call, from <see cref="AupHoldOptions"/>: an
/// answer with the configured status, or an error answer whose body carries the configured text (CAISO's
/// DRRS message arrives in a SOAP fault with HTTP 500; its other systems answer 429 with an HTML page).
/// </summary>
internal sealed class BackendRefusalRule
{
    /// <summary>Most bytes of an error answer held back and read for the text; refusals are far smaller.</summary>
    public const int MaxInspectedBytes = 64 * 1024;

    private static readonly SettingRange ReplayBodyBytes = new(0, 1L << 30);
    private static readonly SettingRange RefusalStatusCodes = new(400, 599);
    private static readonly SettingRange TextLength = new(0, 256);

    private BackendRefusalRule(bool absorb, long maxReplayBodyBytes, int statusCode, string text)
    {
        Absorb = absorb;
        MaxReplayBodyBytes = maxReplayBodyBytes;
        StatusCode = statusCode;
        Text = text;
    }

    /// <summary>Whether hold mode forwards a refused call again instead of passing the refusal on.</summary>
    public bool Absorb { get; }

    /// <summary>Largest request body kept for a second forwarding.</summary>
    public long MaxReplayBodyBytes { get; }

    /// <summary>The status that is a refusal whatever the body; 0 for none.</summary>
    public int StatusCode { get; }

    /// <summary>The text that makes an error answer a refusal; empty for none.</summary>
    public string Text { get; }

    /// <summary>Checks <paramref name="options"/>, adding a message naming the setting to <paramref name="failures"/> for each bad value.</summary>
    public static BackendRefusalRule Create(AupHoldOptions options, List<string> failures)
    {
        ReplayBodyBytes.Check("Aup:Hold:MaxReplayBodyBytes", options.MaxReplayBodyBytes, failures);
        if (options.BackendRefusalStatusCode != 0)
        {
            RefusalStatusCodes.Check("Aup:Hold:BackendRefusalStatusCode", options.BackendRefusalStatusCode, failures, "or 0 for none");
        }

        var text = options.BackendRefusalText ?? "";
        TextLength.CheckLength("Aup:Hold:BackendRefusalText", text.Length, failures);

        return new(options.AbsorbBackendRefusals, options.MaxReplayBodyBytes, options.BackendRefusalStatusCode, text);
    }

    /// <summary>Whether an answer with <paramref name="status"/> may be a refusal, so its body must be read before it is passed on.</summary>
    public bool MayBeRefusal(int status) => status == StatusCode || (status >= 400 && Text.Length > 0);

    /// <summary>
    /// Whether an answer is a refusal, from its status and the start of its body (inflated first when the
    /// backend gzip-encoded it, within <see cref="MaxInspectedBytes"/>).
    /// </summary>
    public bool IsRefusal(int status, string? contentEncoding, ReadOnlySpan<byte> body)
    {
        if (status == StatusCode)
        {
            return true;
        }

        if (!MayBeRefusal(status) || body.IsEmpty)
        {
            return false;
        }

        var text = IsGzip(contentEncoding) ? Inflate(body) : body;
        return Encoding.UTF8.GetString(text).Contains(Text, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsGzip(string? contentEncoding) =>
        contentEncoding is not null && (contentEncoding.Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase) || contentEncoding.Trim().Equals("x-gzip", StringComparison.OrdinalIgnoreCase));

    private static byte[] Inflate(ReadOnlySpan<byte> compressed)
    {
        var inflated = new byte[MaxInspectedBytes];
        var count = 0;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed.ToArray()), CompressionMode.Decompress);
            int read;
            while (count < inflated.Length && (read = gzip.Read(inflated, count, inflated.Length - count)) > 0)
            {
                count += read;
            }
        }
        catch (InvalidDataException)
        {
            // Not gzip after all, or cut short: what inflated so far is all there is to read.
        }

        return inflated[..count];
    }
}
