namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>
/// One answer of the gateway's own, independent of how it is written: plain text, problem details or a
/// SOAP fault. <see cref="Detail"/> is always gateway text, never anything taken from the request.
/// </summary>
internal readonly record struct Refusal(RefusalKind Kind, string Detail, int? RetryAfterSeconds)
{
    public static Refusal Unidentified { get; } = new(RefusalKind.Unidentified, AupMessages.Unidentified, null);

    public static Refusal Violation(int windowSeconds) =>
        new(RefusalKind.Violation, AupMessages.Violation(windowSeconds), windowSeconds);

    public static Refusal StoreUnavailable(int retryAfterSeconds) =>
        new(RefusalKind.StoreUnavailable, AupMessages.StoreUnavailable, retryAfterSeconds);

    /// <summary>A held call answered, not forwarded, because the gateway is stopping.</summary>
    public static Refusal ShuttingDown(int retryAfterSeconds) =>
        new(RefusalKind.ShuttingDown, AupMessages.ShuttingDown, retryAfterSeconds);

    public static Refusal BadRequest(string problem) => new(RefusalKind.BadRequest, problem, null);

    /// <summary>A request naming no catalogued operation: a bad request, never forwarded.</summary>
    public static Refusal UnknownService { get; } = new(RefusalKind.UnknownService, Services.ServiceResult.UnknownOperationProblem, null);

    /// <summary>
    /// The lower-cased canonical service (operation) the refusal is about; empty when the request named none
    /// the gateway could key by. Named in SOAP faults, which carry the service as CAISO's do.
    /// </summary>
    public string Service { get; init; } = "";

    /// <summary>The HTTP status for callers that are not SOAP.</summary>
    public int StatusCode => Kind switch
    {
        RefusalKind.Violation => StatusCodes.Status429TooManyRequests,
        RefusalKind.StoreUnavailable or RefusalKind.ShuttingDown => StatusCodes.Status503ServiceUnavailable,
        RefusalKind.Unidentified => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>True when the gateway, not the caller, is at fault (SOAP Server/Receiver faults).</summary>
    public bool IsGatewayFault => Kind is RefusalKind.StoreUnavailable or RefusalKind.ShuttingDown;
}
