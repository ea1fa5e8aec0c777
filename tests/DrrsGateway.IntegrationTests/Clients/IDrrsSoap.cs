using System.ServiceModel;
using System.ServiceModel.Channels;

namespace DrrsGateway.IntegrationTests.Clients;

/// <summary>
/// An untyped DRRS contract: the caller builds each message, so it chooses the action and the body element
/// that a generated proxy would otherwise fix.
/// </summary>
[ServiceContract]
public interface IDrrsSoap
{
    [OperationContract(Action = "*", ReplyAction = "*")]
    Task<Message> CallAsync(Message request);
}
