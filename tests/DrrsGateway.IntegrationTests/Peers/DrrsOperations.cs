namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>The six DRRS operations the Java peers implement, and CAISO's text a refused caller must read.</summary>
internal static class DrrsOperations
{
    public const string SubmitLocations = "SubmitDRRSLocations_v1";
    public const string RetrieveLocations = "RetrieveDRRSLocations_v1";
    public const string RetrieveBatchStatus = "RetrieveDRRSBatchStatus_v1";
    public const string SubmitRegistrations = "SubmitDRRSRegistrations_v1";
    public const string RetrieveRegistrations = "RetrieveDRRSRegistrations_v1";
    public const string SubmitLocationReview = "SubmitDRRSLocationReview_v1";

    public const string Violation =
        "CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in 30 seconds from now. Note: Time resets each time you request before expiration.";

    /// <summary>The SOAP action CAISO names an operation by.</summary>
    public static string Action(string operation) => "http://www.caiso.com/soa/" + operation;

    /// <summary>The SOAPAction header value for <paramref name="operation"/>, quoted as SOAP 1.1 stacks send it.</summary>
    public static string QuotedAction(string operation) => $"\"{Action(operation)}\"";
}
