namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>The outcome names used in metrics; logs use the same words in PascalCase.</summary>
internal static class AupOutcome
{
    public const string Allowed = "allowed";
    public const string Rejected = "rejected";
    public const string Shadow = "shadow";
    public const string Exempt = "exempt";
    public const string StoreFailure = "store_failure";
    public const string Metadata = "metadata";
    public const string UnknownService = "unknown_service";
    public const string BadRequest = "bad_request";
    public const string Unidentified = "unidentified";
}
