using System.Xml.Linq;

namespace DrrsGateway.Simulator.Caiso;

/// <summary>
/// Builds CAISO's <c>StandardOutput</c> v1 element, in the element order of its schema
/// (<see cref="Metadata.StandardOutputSchema"/>): a submit's receipt and the typed detail of a fault.
/// </summary>
internal static class StandardOutputMessage
{
    /// <summary>The result of a submit that was accepted.</summary>
    public const string SuccessResult = "Success";

    /// <summary>
    /// <c>StandardOutput/MessagePayload/EventLog</c> with an optional <c>Batch</c>, then <c>Event</c>
    /// (creationDateTime, description, id, result) and <c>Service</c> (id, name).
    /// </summary>
    public static XElement Build(CaisoEvent caisoEvent, string? batchId = null)
    {
        ArgumentNullException.ThrowIfNull(caisoEvent);
        var so = CaisoNamespaces.StandardOutput;
        return new XElement(
            so + "StandardOutput",
            new XElement(
                so + "MessagePayload",
                new XElement(
                    so + "EventLog",
                    batchId is null
                        ? null
                        : new XElement(so + "Batch", new XElement(so + "mRID", batchId), new XElement(so + "creationTime", caisoEvent.CreatedAtText)),
                    new XElement(
                        so + "Event",
                        new XElement(so + "creationDateTime", caisoEvent.CreatedAtText),
                        new XElement(so + "description", caisoEvent.Description),
                        new XElement(so + "id", caisoEvent.Id),
                        new XElement(so + "result", caisoEvent.Result)),
                    new XElement(
                        so + "Service",
                        new XElement(so + "id", caisoEvent.ServiceName),
                        new XElement(so + "name", caisoEvent.ServiceName)))));
    }
}
