using System.Globalization;
using DrrsGateway.Simulator.Metadata;

namespace DrrsGateway.Simulator.Counting;

/// <summary>
/// Stamps every response with <see cref="HeaderName"/>: the number of requests that reached this process,
/// counting each operation call (answered, faulted or refused under the policy, any SOAP form) once and health
/// probes, control endpoints and metadata reads (GET/HEAD <c>?wsdl</c>, <c>?singleWsdl</c>, <c>?xsd</c>) not at all.
/// </summary>
internal sealed class RequestCounterMiddleware
{
    /// <summary>The response header carrying the count.</summary>
    public const string HeaderName = "X-Drrs-Simulator-Request";

    private readonly RequestDelegate _next;
    private readonly RequestCounter _counter;
    private readonly PathString[] _uncountedPaths;

    /// <param name="next">The rest of the pipeline.</param>
    /// <param name="counter">The count.</param>
    /// <param name="uncountedPaths">Paths, and the paths under them, that are not calls: health probes, control endpoints.</param>
    public RequestCounterMiddleware(RequestDelegate next, RequestCounter counter, PathString[] uncountedPaths)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(uncountedPaths);
        _next = next;
        _counter = counter;
        _uncountedPaths = uncountedPaths;
    }

    public Task InvokeAsync(HttpContext context)
    {
        // Health probes and WSDL reads see the count without raising it: a container's probe, or a zeep or
        // node-soap client fetching ?wsdl and ?xsd=1 before each call, would otherwise drown the DRRS calls
        // a person (or a test of the gateway's policy) is watching for.
        var path = context.Request.Path;
        var number = _uncountedPaths.Any(uncounted => path.StartsWithSegments(uncounted, StringComparison.OrdinalIgnoreCase))
            || MetadataRequest.IsMetadataRead(context.Request)
            ? _counter.Current
            : _counter.Next();
        context.Response.Headers[HeaderName] = number.ToString(CultureInfo.InvariantCulture);
        return _next(context);
    }
}
