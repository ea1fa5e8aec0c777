using System.ServiceModel;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>The input of <c>retrieveDRLocations_v1</c>: document/literal bare, so the Body is the request element itself.</summary>
[MessageContract(IsWrapped = false)]
public sealed class RetrieveDRLocationsRequest
{
    [MessageBodyMember(Namespace = CaisoContract.RequestNamespace, Order = 0)]
    public OpenContent? RequestDRRegistrationData { get; set; }
}
