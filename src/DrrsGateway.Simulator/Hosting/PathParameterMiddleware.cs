namespace DrrsGateway.Simulator.Hosting;

/// <summary>
/// Drops path parameters (<c>;jsessionid=…</c>) from every path segment before routing, as a Java servlet
/// container does, so <c>/sst/runtime.asvc/Op;jsessionid=1</c> is the operation <c>Op</c>.
/// </summary>
internal sealed class PathParameterMiddleware
{
    private readonly RequestDelegate _next;

    public PathParameterMiddleware(RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        _next = next;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.Contains(';', StringComparison.Ordinal))
        {
            context.Request.Path = new PathString(Strip(path));
        }

        return _next(context);
    }

    /// <summary>"/a;x=1/b;jsessionid=2" → "/a/b".</summary>
    internal static string Strip(string path) =>
        string.Join('/', path.Split('/').Select(segment => segment.Split(';', 2)[0]));
}
