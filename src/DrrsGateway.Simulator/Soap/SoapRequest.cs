using System.Xml.Linq;

namespace DrrsGateway.Simulator.Soap;

/// <summary>A request as the simulator understood it: how to answer it, what it names and its envelope.</summary>
/// <param name="Version">The SOAP version to answer in.</param>
/// <param name="IsMtom">True when the answer must be MTOM/XOP too.</param>
/// <param name="Action">The action named by the HTTP headers or the root part, raw; <c>null</c> when none.</param>
/// <param name="Envelope">The envelope; <c>null</c> when there is no body or it is not well-formed XML.</param>
/// <param name="Problem">Why the request cannot be answered (broken multipart framing, no root part); <c>null</c> when it can.</param>
internal sealed record SoapRequest(
    SoapVersion Version,
    bool IsMtom,
    string? Action,
    XDocument? Envelope,
    string? Problem = null)
{
    /// <summary>The WS-Addressing headers of the envelope, when it has any.</summary>
    /// <remarks>Computed, not stored: a stored value would go stale when <c>with</c> replaces the envelope.</remarks>
    public WsAddressing? Addressing => WsAddressing.Read(Envelope);
}
