namespace DrrsGateway.AcceptableUse;

/// <summary>How SOAP callers are recognised and answered, bound from <c>Aup:Soap</c>.</summary>
public sealed class AupSoapOptions
{
    /// <summary>
    /// Whether SOAP requests are keyed by their operation and answered with SOAP faults. The default is
    /// <c>true</c>; when off, SOAP requests are treated like any other HTTP request.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// HTTP status of a SOAP 1.1 client fault (policy refusal, unkeyable or unidentified request). The
    /// default is 500, which the SOAP 1.1 HTTP binding requires for every fault.
    /// </summary>
    public int Soap11FaultStatusCode { get; set; } = 500;

    /// <summary>
    /// HTTP status of a SOAP 1.2 <c>env:Sender</c> fault. The default is 400, as the SOAP 1.2 HTTP binding
    /// maps Sender faults.
    /// </summary>
    public int Soap12FaultStatusCode { get; set; } = 400;
}
