namespace DrrsGateway.Simulator.Callers;

/// <summary>Maps the control endpoint that tells a test what the simulator executed and refused, per user.</summary>
internal static class CallsEndpointExtensions
{
    /// <summary>The root of the simulator's control endpoints, never counted as calls.</summary>
    public const string ControlPath = "/_simulator";

    /// <summary><c>GET /_simulator/calls</c>: totals and per-user counts; <c>?user=U</c>: U's counts, by operation, and latest calls.</summary>
    public const string CallsPath = ControlPath + "/calls";

    private const string UserParameter = "user";

    public static IEndpointRouteBuilder MapSimulatorCalls(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var ledger = endpoints.ServiceProvider.GetRequiredService<CallLedger>();
        endpoints.MapGet(CallsPath, (HttpRequest request) =>
            request.Query.TryGetValue(UserParameter, out var user)
                ? Results.Json(ledger.Report(user.ToString()))
                : Results.Json(ledger.Report()));
        return endpoints;
    }
}
