namespace DrrsGateway.AcceptableUse.Services;

/// <summary>Which service a request calls, or why that could not be told.</summary>
internal readonly record struct ServiceResult(string? Service, string? Problem)
{
    public static ServiceResult Of(string service) => new(service, null);

    public static ServiceResult Invalid(string problem) => new(null, problem);
}
