using System.Xml.Linq;

namespace DrrsGateway.Simulator.Operations;

/// <summary>The answer to RetrieveDRRSBatchStatus: every batch the simulator is asked about has completed.</summary>
internal static class BatchStatusReport
{
    public const string CompletedStatus = "Completed";

    /// <summary>The element naming the batch, in the request (any namespace or case) and the response.</summary>
    public const string BatchIdElement = "batchId";

    public static IEnumerable<XElement> Content(SimulatedCall call)
    {
        var ns = DrrsOperation.ResponseNamespace;
        yield return new XElement(ns + BatchIdElement, RequestedBatchId(call) ?? Guid.NewGuid());
        yield return new XElement(ns + "status", CompletedStatus);
        yield return new XElement(ns + "processedAt", call.Now);
    }

    /// <summary>
    /// The first <c>batchId</c> element of the request, in any namespace or case. Only a GUID is echoed,
    /// so the answer never carries arbitrary caller text.
    /// </summary>
    internal static Guid? RequestedBatchId(SimulatedCall call)
    {
        var element = call.Body?.Descendants()
            .FirstOrDefault(e => e.Name.LocalName.Equals(BatchIdElement, StringComparison.OrdinalIgnoreCase));
        return Guid.TryParse(element?.Value.Trim(), out var batchId) ? batchId : null;
    }
}
