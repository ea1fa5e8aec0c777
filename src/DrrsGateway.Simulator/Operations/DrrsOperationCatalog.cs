using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace DrrsGateway.Simulator.Operations;

/// <summary>The DRRS operations the simulator knows, found by name regardless of case.</summary>
internal static class DrrsOperationCatalog
{
    private static readonly FrozenDictionary<string, DrrsOperation> Operations = new DrrsOperation[]
    {
        new("SubmitDRRSLocations_v1", SubmissionReceipt.Content),
        new("RetrieveDRRSLocations_v1", SampleLocations.Content),
        new("RetrieveDRRSBatchStatus_v1", BatchStatusReport.Content),
        new("SubmitDRRSRegistrations_v1", SubmissionReceipt.Content),
        new("RetrieveDRRSRegistrations_v1", SampleRegistrations.Content),
        new("SubmitDRRSLocationReview_v1", SubmissionReceipt.Content),
    }.ToFrozenDictionary(operation => operation.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical names, in no particular order.</summary>
    public static IEnumerable<string> Names => Operations.Keys;

    public static bool TryFind(string? name, [NotNullWhen(true)] out DrrsOperation? operation)
    {
        operation = null;
        return name is not null && Operations.TryGetValue(name, out operation);
    }
}
