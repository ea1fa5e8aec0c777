using System.Globalization;

namespace DrrsGateway.Simulator.Counting;

/// <summary>Stamps every response with <see cref="HeaderName"/>: the request's number in this process.</summary>
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
        // Health probes see the count without raising it: a container's probe every few seconds would
        // otherwise drown the requests a person is watching for.
        var number = context.Request.Path.Equals(_uncountedPath, StringComparison.OrdinalIgnoreCase)
            ? _counter.Current
            : _counter.Next();
        context.Response.Headers[HeaderName] = number.ToString(CultureInfo.InvariantCulture);
        return _next(context);
    }
}
