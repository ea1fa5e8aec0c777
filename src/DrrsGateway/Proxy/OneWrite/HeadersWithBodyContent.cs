using System.Net;

namespace DrrsGateway.Proxy.OneWrite;

/// <summary>
/// A request body sent as the wrapped content sends it, except that a flush asked for before any of the
/// body is written is left to the body's first write: the headers the HTTP client holds go out with it.
/// </summary>
/// <remarks>
/// The wrapped content still does all of its work (YARP's copy of the caller's body, its timeouts and
/// its record of how the copy ended); only the stream it writes to differs.
/// </remarks>
internal sealed class HeadersWithBodyContent : HttpContent
{
    private readonly HttpContent _body;

    public HeadersWithBodyContent(HttpContent body)
    {
        _body = body;
        foreach (var header in body.Headers.NonValidated)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _body.CopyToAsync(new NoFlushBeforeBodyStream(stream), context, cancellationToken);

    // The declared length was copied with the headers; nothing else can be known without reading the body.
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }
}
