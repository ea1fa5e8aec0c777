using System.ServiceModel;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>The output of a submit, plain or DocAttach: the receipt is a <see cref="Caiso.StandardOutput"/>.</summary>
[MessageContract(IsWrapped = false)]
public sealed class SubmitDRLocationsResponse
{
    [MessageBodyMember(Namespace = CaisoContract.StandardOutputNamespace, Order = 0)]
    public StandardOutput? StandardOutput { get; set; }
}
