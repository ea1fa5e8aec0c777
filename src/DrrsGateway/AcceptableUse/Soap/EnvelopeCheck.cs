namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>When the gateway reads the start of a SOAP envelope to find the operation it calls (<c>Aup:Soap:EnvelopeCheck</c>).</summary>
public enum EnvelopeCheck
{
    /// <summary>
    /// Unless the path and the SOAP action name the same operation: the path-routed hot path reads no body,
    /// and a generic endpoint is keyed, and checked, by what its envelope names (JAX-WS dispatches on the
    /// first element of the Body before the SOAPAction).
    /// </summary>
    UnlessPathAndActionAgree,

    /// <summary>
    /// Every SOAP request, so that a Body naming another operation than the path and action is refused even
    /// on a path-routed endpoint: for backends that serve several operations under one path prefix.
    /// </summary>
    Always,

    /// <summary>Only when neither the path nor the action names an operation: trusts the headers, reads least.</summary>
    WhenHeadersNameNone,
}
