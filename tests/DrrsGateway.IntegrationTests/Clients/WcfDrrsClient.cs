using System.Globalization;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Xml.Linq;

namespace DrrsGateway.IntegrationTests.Clients;

/// <summary>
/// A real WCF client of one binding calling DRRS operations through the gateway as one user: the message is
/// built by hand (action <c>http://www.caiso.com/soa/&lt;operation&gt;</c>, body element named like the
/// operation), and a fault answer is thrown as <see cref="FaultException"/> as a generated proxy would.
/// </summary>
public sealed class WcfDrrsClient : IDisposable
{
    public const string ServicePath = "sst/runtime.asvc";
    public const string ActionPrefix = "http://www.caiso.com/soa/";

    private const int MaxFaultSize = 64 * 1024;

    private readonly ChannelFactory<IDrrsSoap> _factory;
    private readonly Uri _gateway;
    private readonly string _pathPrefix;
    private readonly DrrsEndpoint _endpoint;
    private readonly Dictionary<Uri, IDrrsSoap> _channels = [];
    private readonly Lock _channelsLock = new();

    /// <param name="kind">The binding.</param>
    /// <param name="endpoint">Whether the path names the operation.</param>
    /// <param name="gateway">The gateway's base address.</param>
    /// <param name="user">Sent in the gateway's trusted user header on every call.</param>
    /// <param name="pathPrefix">Put before the service path, to reach a route other than the catch-all (e.g. <c>/short</c>).</param>
    public WcfDrrsClient(WcfClientKind kind, DrrsEndpoint endpoint, Uri gateway, string user, string pathPrefix = "")
    {
        Kind = kind;
        _endpoint = endpoint;
        _gateway = gateway;
        _pathPrefix = pathPrefix.Trim('/');
        _factory = new ChannelFactory<IDrrsSoap>(WcfBindings.Create(kind));
        _factory.Endpoint.EndpointBehaviors.Add(new DrrsUserHeaderBehavior(user));
    }

    public WcfClientKind Kind { get; }

    /// <summary>Calls <paramref name="operation"/> once; throws <see cref="FaultException"/> when the answer is a SOAP fault.</summary>
    public async Task<DrrsReply> CallAsync(string operation)
    {
        var channel = ChannelFor(AddressOf(operation));
        var version = _factory.Endpoint.Binding.MessageVersion;
        var body = new XElement(XNamespace.Get(ActionPrefix + operation) + operation);
        using var request = Message.CreateMessage(version, ActionPrefix + operation, body.CreateReader());
        using var reply = await channel.CallAsync(request);
        if (reply.IsFault)
        {
            // What a typed proxy does with a fault it has no detail type for.
            throw new FaultException(MessageFault.CreateFault(reply, MaxFaultSize), reply.Headers.Action);
        }

        using var reader = reply.GetReaderAtBodyContents();
        var element = XElement.Load(reader.ReadSubtree());
        return new DrrsReply(element.Name.LocalName, SimulatorRequestOf(reply));
    }

    public void Dispose()
    {
        lock (_channelsLock)
        {
            foreach (var channel in _channels.Values)
            {
                ((IClientChannel)channel).Abort();
            }
        }

        _factory.Abort();
    }

    private Uri AddressOf(string operation)
    {
        var path = _pathPrefix.Length == 0 ? ServicePath : _pathPrefix + "/" + ServicePath;
        return new Uri(_gateway, _endpoint == DrrsEndpoint.OperationPath ? path + "/" + operation : path);
    }

    private IDrrsSoap ChannelFor(Uri address)
    {
        lock (_channelsLock)
        {
            if (!_channels.TryGetValue(address, out var channel))
            {
                channel = _factory.CreateChannel(new EndpointAddress(address));
                // Opened here, not on first use, so simultaneous first calls do not race to open it.
                ((IClientChannel)channel).Open();
                _channels.Add(address, channel);
            }

            return channel;
        }
    }

    private static long? SimulatorRequestOf(Message reply) =>
        reply.Properties.TryGetValue(HttpResponseMessageProperty.Name, out var property)
            && property is HttpResponseMessageProperty http
            && long.TryParse(http.Headers[SimulatorProcess.RequestNumberHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
