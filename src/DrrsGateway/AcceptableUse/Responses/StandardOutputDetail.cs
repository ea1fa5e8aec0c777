using System.Xml;

namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>
/// The detail of a gateway fault in CAISO's shape: first a <c>StandardOutput</c> (what clients generated from
/// CAISO's WSDLs map to their typed fault), then the older <c>outputDataType</c>, where CAISO's own Python
/// helper reads the description of an HTTP 500.
/// </summary>
internal static class StandardOutputDetail
{
    public const string Namespace = "http://www.caiso.com/soa/StandardOutput_v1.xsd#";
    public const string LegacyNamespace = "http://www.caiso.com/soa/2006-06-13/StandardOutput.xsd";

    /// <summary>The service named when the refusal is about none the gateway could key by; the schema requires one.</summary>
    public const string UnknownService = "unknown";

    /// <summary>Writes both entries; the caller has opened the fault's detail element.</summary>
    public static void Write(XmlWriter writer, RefusalEvent refusalEvent, string description, string service, string creationDateTime)
    {
        // Named as CAISO spells its operations, not as the policy's key lower-cases them.
        WriteStandardOutput(writer, refusalEvent, description, service.Length == 0 ? UnknownService : Services.DrrsOperations.CaisoSpelling(service), creationDateTime);
        WriteOutputDataType(writer, refusalEvent, description);
    }

    // Child order is the schema's sequence: Event (creationDateTime, description, id, result), then Service.
    private static void WriteStandardOutput(XmlWriter writer, RefusalEvent refusalEvent, string description, string service, string creationDateTime)
    {
        writer.WriteStartElement("StandardOutput", Namespace);
        writer.WriteStartElement("MessagePayload", Namespace);
        writer.WriteStartElement("EventLog", Namespace);

        writer.WriteStartElement("Event", Namespace);
        writer.WriteElementString("creationDateTime", Namespace, creationDateTime);
        writer.WriteElementString("description", Namespace, description);
        writer.WriteElementString("id", Namespace, refusalEvent.Id);
        writer.WriteElementString("result", Namespace, refusalEvent.Result);
        writer.WriteEndElement();

        writer.WriteStartElement("Service", Namespace);
        writer.WriteElementString("id", Namespace, service);
        writer.WriteElementString("name", Namespace, service);
        writer.WriteEndElement();

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    // The older generation's order, as .NET CMRI clients and CAISO's helper read it: result, id, description.
    private static void WriteOutputDataType(XmlWriter writer, RefusalEvent refusalEvent, string description)
    {
        writer.WriteStartElement("outputDataType", LegacyNamespace);
        writer.WriteStartElement("EventLog", LegacyNamespace);
        writer.WriteStartElement("Event", LegacyNamespace);
        writer.WriteElementString("result", LegacyNamespace, refusalEvent.Result);
        writer.WriteElementString("id", LegacyNamespace, refusalEvent.Id);
        writer.WriteElementString("description", LegacyNamespace, description);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }
}
