using System.Xml.Linq;

namespace DrrsGateway.Simulator.Soap;

/// <summary>
/// The WS-Addressing headers of a request, read so the operation can be found from <c>wsa:Action</c> and
/// the reply can carry the <c>wsa:Action</c> and <c>wsa:RelatesTo</c> a WS-Addressing client waits for.
/// </summary>
/// <param name="Namespace">The WS-Addressing version the request used; the reply uses the same.</param>
/// <param name="Action">The request's <c>wsa:Action</c>, trimmed; <c>null</c> when absent.</param>
/// <param name="MessageId">The request's <c>wsa:MessageID</c>, trimmed; <c>null</c> when absent.</param>
internal sealed record WsAddressing(XNamespace Namespace, string? Action, string? MessageId)
{
    /// <summary>WS-Addressing 1.0, WCF's <c>Soap12WSAddressing10</c>.</summary>
    public static readonly XNamespace Addressing10 = "http://www.w3.org/2005/08/addressing";

    /// <summary>The August 2004 submission, WCF's <c>WSAddressingAugust2004</c>.</summary>
    public static readonly XNamespace Addressing2004 = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

    private const string Prefix = "wsa";

    /// <summary>The headers of <paramref name="envelope"/> in either WS-Addressing version; <c>null</c> when it has none.</summary>
    public static WsAddressing? Read(XDocument? envelope)
    {
        var header = SoapEnvelope.HeaderOf(envelope);
        if (header is null)
        {
            return null;
        }

        foreach (var ns in new[] { Addressing10, Addressing2004 })
        {
            var action = header.Element(ns + "Action")?.Value.Trim();
            var messageId = header.Element(ns + "MessageID")?.Value.Trim();
            if (action is not null || messageId is not null)
            {
                return new(ns, action, messageId);
            }
        }

        return null;
    }

    /// <summary>The action of a fault reply in this WS-Addressing version.</summary>
    public string FaultAction => Namespace == Addressing10
        ? "http://www.w3.org/2005/08/addressing/soap/fault"
        : "http://schemas.xmlsoap.org/ws/2004/08/addressing/fault";

    /// <summary>The reply's <c>wsa:Action</c> and, when the request had a <c>wsa:MessageID</c>, <c>wsa:RelatesTo</c>.</summary>
    public IEnumerable<XElement> ReplyHeaders(string replyAction)
    {
        yield return new XElement(Namespace + "Action", new XAttribute(XNamespace.Xmlns + Prefix, Namespace), replyAction);
        if (MessageId is not null)
        {
            yield return new XElement(Namespace + "RelatesTo", new XAttribute(XNamespace.Xmlns + Prefix, Namespace), MessageId);
        }
    }
}
