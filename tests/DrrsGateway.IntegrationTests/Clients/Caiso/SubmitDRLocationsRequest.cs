using System.ServiceModel;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>
/// The input of the plain <c>submitDRLocations_v1</c>: no part, so an empty Body. CAISO's clients carry the
/// document as a SOAP attachment, which WCF cannot send; the gateway refuses the call before any document matters.
/// </summary>
[MessageContract(IsWrapped = false)]
public sealed class SubmitDRLocationsRequest
{
}
