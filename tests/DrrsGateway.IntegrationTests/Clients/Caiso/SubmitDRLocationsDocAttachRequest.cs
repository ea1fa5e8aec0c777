using System.ServiceModel;

namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>The input of <c>submitDRLocations_v1_DocAttach</c>: the document inline, the Body an <c>ISOAttachment</c>.</summary>
[MessageContract(IsWrapped = false)]
public sealed class SubmitDRLocationsDocAttachRequest
{
    [MessageBodyMember(Name = "ISOAttachment", Namespace = CaisoContract.AttachmentNamespace, Order = 0)]
    public IsoAttachment? IsoAttachment { get; set; }
}
