using System.Xml.Linq;

namespace DrrsGateway.Simulator.Operations;

/// <summary>The answer to every Submit* operation: DRRS takes the batch and processes it later.</summary>
internal static class SubmissionReceipt
{
    public const string ReceivedStatus = "Received";

    public static IEnumerable<XElement> Content(SimulatedCall call)
    {
        var ns = DrrsOperation.ResponseNamespace;
        yield return new XElement(ns + "batchId", Guid.NewGuid());
        yield return new XElement(ns + "status", ReceivedStatus);
        yield return new XElement(ns + "receivedAt", call.Now);
    }
}
