using DrrsGateway.Simulator.Soap;

namespace DrrsGateway.Simulator.Operations;

/// <summary>
/// Decides which operation a request names, the way a JAX-WS RI endpoint does: the path when it names one;
/// else the SOAP action, the WS-Addressing action, then the first element of the Body, each only when it
/// names a known operation.
/// </summary>
internal static class OperationDispatcher
{
    /// <summary>
    /// The operation name to answer; when nothing names a known operation, the first name the request gave
    /// (for the fault), or <c>null</c> when it gave none.
    /// </summary>
    public static string? Requested(string? pathOperation, SoapRequest request)
    {
        if (pathOperation is not null)
        {
            return pathOperation;
        }

        string?[] candidates =
        [
            SoapHeaders.LastActionPart(request.Action),
            SoapHeaders.LastActionPart(request.Addressing?.Action),
            SoapEnvelope.FirstBodyElement(request.Envelope)?.Name.LocalName,
        ];
        return candidates.FirstOrDefault(name => DrrsOperationCatalog.TryFind(name, out _))
            ?? candidates.FirstOrDefault(name => name is not null);
    }
}
