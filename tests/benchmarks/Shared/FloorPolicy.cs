namespace DrrsBenchmarks;

/// <summary>
/// The floor rows' policy (issue 23): the cheapest correct form of the gateway's rule. The key is the user
/// (<c>X-Drrs-User</c>) and the path; one decision per request, which also restarts the window; a refusal is
/// <see cref="ReferenceRefusal"/>. No SOAP reading, no metrics, no logs. Requests without a user (the harness's
/// health checks) pass undecided.
/// </summary>
public static class FloorPolicy
{
    /// <summary>
    /// Decides every request with a user by <paramref name="allow"/>, given the (user, path) key: true lets it
    /// through, false refuses it.
    /// </summary>
    public static IApplicationBuilder UseFloorPolicy(this IApplicationBuilder app, Func<string, ValueTask<bool>> allow)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(allow);
        return app.Use(next => context =>
        {
            var user = context.Request.Headers["X-Drrs-User"].ToString();
            if (user.Length == 0)
            {
                return next(context);
            }

            var decision = allow(string.Concat(user, "|", context.Request.Path.Value));
            if (decision.IsCompletedSuccessfully)
            {
                return decision.Result ? next(context) : ReferenceRefusal.WriteAsync(context.Response, context.RequestAborted);
            }

            return DecideAsync(decision, next, context);
        });
    }

    private static async Task DecideAsync(ValueTask<bool> decision, RequestDelegate next, HttpContext context)
    {
        if (await decision)
        {
            await next(context);
        }
        else
        {
            await ReferenceRefusal.WriteAsync(context.Response, context.RequestAborted);
        }
    }
}
