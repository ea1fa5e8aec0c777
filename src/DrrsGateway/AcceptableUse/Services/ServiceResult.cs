namespace DrrsGateway.AcceptableUse.Services;

/// <summary>Which service a request calls, or why that could not be told.</summary>
/// <remarks>
/// <see cref="ConfirmEnvelope"/>: the service is known from path and headers, yet the backend may dispatch on
/// the Body, so an allowed request has its envelope checked before it is forwarded (a refused one never).
/// </remarks>
internal readonly record struct ServiceResult(string? Service, string? Problem, ServiceResultKind Kind, bool ConfirmEnvelope = false)
{
    /// <summary>What a caller naming no catalogued operation is told.</summary>
    public const string UnknownOperationProblem = "The request names no DRRS operation this gateway forwards.";

    public static ServiceResult NeedsEnvelope { get; } = new(null, null, ServiceResultKind.NeedsEnvelope);

    public static ServiceResult Unknown { get; } = new(null, UnknownOperationProblem, ServiceResultKind.Unknown);

    public static ServiceResult Of(string service) => new(service, null, ServiceResultKind.Named);

    /// <summary>This result, with the envelope to be confirmed once the request is allowed.</summary>
    public ServiceResult Confirmed() => Kind == ServiceResultKind.Named ? this with { ConfirmEnvelope = true } : this;

    public static ServiceResult Invalid(string problem) => new(null, problem, ServiceResultKind.Invalid);
}
