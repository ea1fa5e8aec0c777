using DrrsGateway.Observability;
using DrrsGateway.Proxy.BackendTls;
using DrrsGateway.Proxy.OneWrite;
using DrrsGateway.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace DrrsGateway.UnitTests.Proxy.BackendTls;

public sealed class BackendTlsForwarderHttpClientFactoryTests : IDisposable
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("drrs-factory-").FullName;
    private readonly BackendTlsClusters _clusters;

    public BackendTlsForwarderHttpClientFactoryTests() =>
        _clusters = new BackendTlsClusters(TimeProvider.System, NullLoggerFactory.Instance, new ServerCertificateRefusals(TimeProvider.System));

    public void Dispose()
    {
        _clusters.Dispose();
        _ca.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void CreateClient_SameConfigAndMetadata_ReusesTheOldClient()
    {
        var metadata = Metadata();
        using var old = Factory().CreateClient(Context(null, null, metadata));

        var again = Factory().CreateClient(Context(old, metadata, metadata));

        Assert.Same(old, again);
    }

    [Fact]
    public void CreateClient_TlsMetadataChanged_MakesANewClient()
    {
        using var old = Factory().CreateClient(Context(null, null, Metadata()));

        using var renewed = Factory().CreateClient(Context(old, Metadata(), Metadata()));

        Assert.NotSame(old, renewed);
    }

    [Fact]
    public void CreateClient_ClientCertificate_RenewsConnectionsThroughItsHandler()
    {
        var (certificate, key) = TestCertificateAuthority.WritePemFiles(_ca.IssueClient("CN=alice"), _directory);
        var metadata = new Dictionary<string, string> { ["ClientCertificate"] = certificate, ["ClientCertificateKey"] = key };

        using var client = Factory().CreateClient(Context(null, null, metadata));

        var handler = typeof(HttpMessageInvoker).GetField("_handler", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(client);
        Assert.IsType<CertificateRenewingHandler>(Assert.IsType<RequestInOneWriteHandler>(handler).InnerHandler);
    }

    [Fact]
    public void CreateClient_AnyCluster_SendsRequestsInOneWrite()
    {
        using var client = Factory().CreateClient(Context(null, null, Metadata()));

        var handler = typeof(HttpMessageInvoker).GetField("_handler", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(client);
        Assert.IsType<SocketsHttpHandler>(Assert.IsType<RequestInOneWriteHandler>(handler).InnerHandler);
    }

    private BackendTlsForwarderHttpClientFactory Factory() => new(_clusters, new TraceExport(false));

    // A fresh CA bundle file each time: the same content under another path is another setting.
    private Dictionary<string, string> Metadata() => new() { ["BackendCaBundle"] = _ca.WritePemFile(_directory) };

    private static ForwarderHttpClientContext Context(HttpMessageInvoker? old, IReadOnlyDictionary<string, string>? oldMetadata, IReadOnlyDictionary<string, string> newMetadata) => new()
    {
        ClusterId = "drrs",
        OldClient = old,
        OldConfig = HttpClientConfig.Empty,
        OldMetadata = oldMetadata,
        NewConfig = HttpClientConfig.Empty,
        NewMetadata = newMetadata,
    };
}
