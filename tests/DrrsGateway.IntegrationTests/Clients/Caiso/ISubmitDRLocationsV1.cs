using System.ServiceModel;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>The port type of the <c>SubmitDRLocations_DRRSv1_AP</c> WSDL, as svcutil generates it (see <see cref="IRetrieveDRLocationsV1"/>).</summary>
[ServiceContract(Namespace = "http://www.caiso.com/soa/submitDRLocations_v1.wsdl", Name = "submitDRLocations_v1")]
public interface ISubmitDRLocationsV1
{
    [OperationContract(Name = "submitDRLocations_v1", Action = "http://www.caiso.com/soa/submitDRLocations_v1", ReplyAction = "*")]
    [FaultContract(typeof(StandardOutput), Action = "http://www.caiso.com/soa/submitDRLocations_v1", Name = "StandardOutput", Namespace = CaisoContract.StandardOutputNamespace)]
    [XmlSerializerFormat(Style = OperationFormatStyle.Document, Use = OperationFormatUse.Literal, SupportFaults = true)]
    Task<SubmitDRLocationsResponse> SubmitDRLocationsAsync(SubmitDRLocationsRequest request);
}
