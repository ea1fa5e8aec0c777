using System.ServiceModel;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>
/// The port type of the <c>SubmitDRLocations_DRRSv1_DocAttach_AP</c> WSDL, the variant CAISO offers .NET clients:
/// its own SOAP action and the document inline (see <see cref="IRetrieveDRLocationsV1"/>).
/// </summary>
[ServiceContract(Namespace = "http://www.caiso.com/soa/submitDRLocations_v1_DocAttach.wsdl", Name = "submitDRLocations_v1_DocAttach")]
public interface ISubmitDRLocationsV1DocAttach
{
    [OperationContract(Name = "submitDRLocations_v1_DocAttach", Action = "http://www.caiso.com/soa/submitDRLocations_v1_DocAttach", ReplyAction = "*")]
    [FaultContract(typeof(StandardOutput), Action = "http://www.caiso.com/soa/submitDRLocations_v1_DocAttach", Name = "StandardOutput", Namespace = CaisoContract.StandardOutputNamespace)]
    [XmlSerializerFormat(Style = OperationFormatStyle.Document, Use = OperationFormatUse.Literal, SupportFaults = true)]
    Task<SubmitDRLocationsResponse> SubmitDRLocationsAsync(SubmitDRLocationsDocAttachRequest request);
}
