namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>When the gateway reads the start of a SOAP envelope to find the operation it calls (<c>Aup:Soap:EnvelopeCheck</c>).</summary>
public enum EnvelopeCheck
{
    /// <summary>
    /// Every SOAP request. On the generic endpoint the envelope keys the call; on an operation path the call
    /// is keyed by the path and, once the store allows it, its envelope must name no other operation (a
    /// JAX-WS endpoint published at a prefix answers every path below it and dispatches on the Body). A
    /// refused call never waits for its body. The default.
    /// </summary>
    Always,

    /// <summary>
    /// Every SOAP request except one whose path and action name the same operation: for a DRRS that runs
    /// exactly the operation its path names. Such calls never read the body.
    /// </summary>
    UnlessPathAndActionAgree,

    /// <summary>Only when neither the path nor the action names an operation: trusts the headers, reads least.</summary>
    WhenHeadersNameNone,
}
