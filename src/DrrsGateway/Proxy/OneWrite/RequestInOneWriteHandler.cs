namespace DrrsGateway.Proxy.OneWrite;

/// <summary>
/// Sends a forwarded request whose body length is declared as one write where it fits, instead of YARP's
/// two: YARP flushes the request headers before it starts copying the body (so a streaming body's server
/// hears of the request at once), which puts every SOAP call to DRRS on the wire as a header-only packet
/// followed by a body packet: a second send, and a second wake-up of the backend, per call.
/// </summary>
/// <remarks>
/// A declared <c>Content-Length</c> marks a message, not a stream: the caller sent, or is sending, the
/// whole body, so holding the headers until the body's first bytes costs the backend nothing. Bodies of
/// unknown length (chunked uploads, gRPC-style streams) keep YARP's early flush.
/// </remarks>
internal sealed class RequestInOneWriteHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } body && body.Headers.ContentLength is > 0)
        {
            request.Content = new HeadersWithBodyContent(body);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
