namespace DrrsGateway.AcceptableUse.Services;

/// <summary>Which service a request calls, or why that could not be told.</summary>
internal readonly record struct ServiceResult(string? Service, string? Problem, ServiceResultKind Kind)
{
    /// <summary>What a caller naming no catalogued operation is told.</summary>
    public const string UnknownOperationProblem = "The request names no DRRS operation this gateway forwards.";

    public static ServiceResult NeedsEnvelope { get; } = new(null, null, ServiceResultKind.NeedsEnvelope);

    public static ServiceResult Unknown { get; } = new(null, UnknownOperationProblem, ServiceResultKind.Unknown);

    public static ServiceResult Of(string service) => new(service, null, ServiceResultKind.Named);

    public static ServiceResult Invalid(string problem) => new(null, problem, ServiceResultKind.Invalid);
}
