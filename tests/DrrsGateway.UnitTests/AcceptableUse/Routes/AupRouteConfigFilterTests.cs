using DrrsGateway.AcceptableUse.Routes;
using DrrsGateway.AcceptableUse.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace DrrsGateway.UnitTests.AcceptableUse.Routes;

public sealed class AupRouteConfigFilterTests
{
    private readonly AupRouteConfigFilter _filter = new(new AupPolicyProvider(
        new OptionsFactory<AupOptions>([], []),
        TestPolicy.Builder,
        new ConfigurationBuilder().Build(),
        NullLogger<AupPolicyProvider>.Instance));

    [Theory]
    [InlineData("AupMode", "Shadow")]
    [InlineData("AupWindowSeconds", "5")]
    [InlineData("AupService", "submitDRRSLocations_v1")]
    [InlineData("Unrelated", "anything")]
    public async Task ConfigureRouteAsync_ValidMetadata_KeepsTheRoute(string key, string value)
    {
        var route = Route(key, value);

        Assert.Same(route, await _filter.ConfigureRouteAsync(route, null, default));
    }

    [Theory]
    [InlineData("AupMode", "Of")]
    [InlineData("AupMode", "1")]
    [InlineData("AupWindowSeconds", "0")]
    [InlineData("AupWindowSeconds", "30s")]
    [InlineData("AupService", " ")]
    [InlineData("AupIdentity", "Certificate")]
    [InlineData("AupIdentity", "ClusterCertificate")]
    public async Task ConfigureRouteAsync_InvalidMetadata_ThrowsNamingRouteAndKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _filter.ConfigureRouteAsync(Route(key, value), null, default).AsTask());

        Assert.Contains("'drrs-test'", error.Message, StringComparison.Ordinal);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigureRouteAsync_ClusterCertificateIdentityOnACertificateCluster_KeepsTheRoute()
    {
        var route = Route("AupIdentity", "clustercertificate");
        var cluster = new ClusterConfig { ClusterId = "drrs", Metadata = new Dictionary<string, string> { ["ClientCertificate"] = "/etc/drrs/alice.pem" } };

        Assert.Same(route, await _filter.ConfigureRouteAsync(route, cluster, default));
        Assert.True(RouteMetadata.Of(route).ClusterCertificateIdentity);
    }

    private static RouteConfig Route(string key, string value) =>
        new() { RouteId = "drrs-test", ClusterId = "drrs", Metadata = new Dictionary<string, string> { [key] = value } };
}
