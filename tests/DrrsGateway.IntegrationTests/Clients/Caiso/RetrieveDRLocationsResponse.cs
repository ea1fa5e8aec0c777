using System.ServiceModel;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>The output of <c>retrieveDRLocations_v1</c>: the Body is the answer element.</summary>
[MessageContract(IsWrapped = false)]
public sealed class RetrieveDRLocationsResponse
{
    [MessageBodyMember(Name = "retrieveDRLocations_v1Response", Namespace = CaisoContract.SimulatorNamespace, Order = 0)]
    public OpenContent? Answer { get; set; }
}
