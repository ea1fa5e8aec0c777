using System.ServiceModel;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>
/// The port type of the <c>RetrieveDRLocations_DRRSv1_AP</c> WSDL as svcutil generates it for a document/literal
/// bare WSDL: XmlSerializer messages, and the <c>faultReturnType</c> fault typed as its <c>StandardOutput</c> part.
/// </summary>
[ServiceContract(Namespace = "http://www.caiso.com/soa/retrieveDRLocations_v1.wsdl", Name = "retrieveDRLocations_v1")]
public interface IRetrieveDRLocationsV1
{
    [OperationContract(Name = "retrieveDRLocations_v1", Action = "http://www.caiso.com/soa/retrieveDRLocations_v1", ReplyAction = "*")]
    [FaultContract(typeof(StandardOutput), Action = "http://www.caiso.com/soa/retrieveDRLocations_v1", Name = "StandardOutput", Namespace = CaisoContract.StandardOutputNamespace)]
    [XmlSerializerFormat(Style = OperationFormatStyle.Document, Use = OperationFormatUse.Literal, SupportFaults = true)]
    Task<RetrieveDRLocationsResponse> RetrieveDRLocationsAsync(RetrieveDRLocationsRequest request);
}
