using System.Globalization;
using System.Net;
using DrrsGateway.Admin;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.Management;
using DrrsGateway.Observability;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Hosting;

/// <summary>
/// With Management:Port set, health, readiness, metrics and admin answer only on that port, DRRS traffic
/// only on the others, and neither ever reaches the backend through the wrong port.
/// </summary>
public sealed class ManagementPortTests : BackendTests
{
    private const int ManagementPort = 9100;
    private const int ProxyPort = 8080;
    private const string AdminKey = "management-port-test-key";

    public static TheoryData<string> ManagementPaths =>
    [
        HealthEndpointExtensions.LivenessPath,
        HealthEndpointExtensions.ReadinessPath,
        TelemetryExtensions.MetricsPath,
        "/admin/locks/alice",
    ];

    [Theory]
    [MemberData(nameof(ManagementPaths))]
    public async Task ManagementPath_OnManagementPort_IsAnswered(string path)
    {
        await using var gateway = NewGateway();
        using var client = gateway.CreateClientFrom(localPort: ManagementPort);

        using var response = await GetAsync(client, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ManagementPaths))]
    public async Task ManagementPath_OnProxyPort_Is404AndNotForwarded(string path)
    {
        await using var gateway = NewGateway();
        using var client = gateway.CreateClientFrom(localPort: ProxyPort);

        using var response = await GetAsync(client, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.Empty(Backend.Requests);
    }

    [Fact]
    public async Task Metrics_ProxyPortWithManagementPortInHostHeader_Is404()
    {
        await using var gateway = NewGateway();
        using var client = gateway.CreateClientFrom(localPort: ProxyPort);
        using var request = new HttpRequestMessage(HttpMethod.Get, TelemetryExtensions.MetricsPath);
        request.Headers.Host = $"localhost:{ManagementPort}";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DrrsCall_OnManagementPort_Is404AndNotForwarded()
    {
        await using var gateway = NewGateway();
        using var client = gateway.CreateClientFrom(localPort: ManagementPort);

        using var response = await client.CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(Backend.Requests);
    }

    [Fact]
    public async Task DrrsCall_OnProxyPort_IsForwarded()
    {
        await using var gateway = NewGateway();
        using var client = gateway.CreateClientFrom(localPort: ProxyPort);

        using var response = await client.CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Backend.Requests);
    }

    [Theory]
    [InlineData("nine")]
    [InlineData("0")]
    [InlineData("65536")]
    public void Start_InvalidManagementPort_FailsNamingIt(string value)
    {
        using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?> { [ManagementExtensions.PortSetting] = value });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => gateway.CreateClient());

        Assert.Contains(ManagementExtensions.PortSetting, error.Message, StringComparison.Ordinal);
    }

    private GatewayFactory NewGateway() => new(Backend.Address, settings: new Dictionary<string, string?>
    {
        [ManagementExtensions.PortSetting] = ManagementPort.ToString(CultureInfo.InvariantCulture),
        ["Admin:ApiKey"] = AdminKey,
    });

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(GatewayFactory.UserHeader, NewUser());
        request.Headers.Add(AdminApiKey.HeaderName, AdminKey);
        return client.SendAsync(request);
    }
}
