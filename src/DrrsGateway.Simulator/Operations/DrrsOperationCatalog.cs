using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace DrrsGateway.Simulator.Operations;

/// <summary>The DRRS operations the simulator knows, found by name regardless of case.</summary>
internal static class DrrsOperationCatalog
{
    private static readonly DrrsOperation[] Ordered =
    [
        new("SubmitDRRSLocations_v1", DrrsRequestContent.Attachment, SubmissionReceipt.Content),
        new("RetrieveDRRSLocations_v1", DrrsRequestContent.Open, SampleLocations.Content),
        new("RetrieveDRRSBatchStatus_v1", DrrsRequestContent.BatchId, BatchStatusReport.Content),
        new("SubmitDRRSRegistrations_v1", DrrsRequestContent.Attachment, SubmissionReceipt.Content),
        new("RetrieveDRRSRegistrations_v1", DrrsRequestContent.Open, SampleRegistrations.Content),
        new("SubmitDRRSLocationReview_v1", DrrsRequestContent.Attachment, SubmissionReceipt.Content),
    ];

    private static readonly FrozenDictionary<string, DrrsOperation> Operations =
        Ordered.ToFrozenDictionary(operation => operation.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every operation, in a stable order (the order the service WSDL lists them in).</summary>
    public static IReadOnlyList<DrrsOperation> All => Ordered;

    /// <summary>The canonical names, in the order of <see cref="All"/>.</summary>
    public static IEnumerable<string> Names => Ordered.Select(operation => operation.Name);

    public static bool TryFind(string? name, [NotNullWhen(true)] out DrrsOperation? operation)
    {
        operation = null;
        return name is not null && Operations.TryGetValue(name, out operation);
    }
}
