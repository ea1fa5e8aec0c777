using System.Globalization;
using DrrsGateway.Simulator.Metadata;

namespace DrrsGateway.Simulator.Counting;

/// <summary>
/// Stamps every response with <see cref="HeaderName"/>: the number of requests that reached this process,
/// counting each operation call (answered or faulted, any SOAP form) once and health probes and metadata
/// reads (GET/HEAD <c>?wsdl</c>, <c>?singleWsdl</c>, <c>?xsd</c>) not at all.
/// </summary>
internal sealed class RequestCounterMiddleware
{
    /// <summary>The response header carrying the count.</summary>
    public const string HeaderName = "X-Drrs-Simulator-Request";

    private readonly RequestDelegate _next;
    private readonly RequestCounter _counter;
    private readonly PathString _uncountedPath;

    public RequestCounterMiddleware(RequestDelegate next, RequestCounter counter, PathString uncountedPath)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(counter);
        _next = next;
        _counter = counter;
        _uncountedPath = uncountedPath;
    }

    public Task InvokeAsync(HttpContext context)
    {
        // Health probes and WSDL reads see the count without raising it: a container's probe, or a zeep or
        // node-soap client fetching ?wsdl and ?xsd=1 before each call, would otherwise drown the DRRS calls
        // a person (or a test of the gateway's policy) is watching for.
        var number = context.Request.Path.Equals(_uncountedPath, StringComparison.OrdinalIgnoreCase)
            || MetadataRequest.IsMetadataRead(context.Request)
            ? _counter.Current
            : _counter.Next();
        context.Response.Headers[HeaderName] = number.ToString(CultureInfo.InvariantCulture);
        return _next(context);
    }
}
