using System.Net;
using DrrsGateway.Admin;
using DrrsGateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Admin;

/// <summary>Without Admin:ApiKey the admin API does not exist, and its paths still never reach DRRS.</summary>
public sealed class AdminSwitchTests : BackendTests
{
    [Theory]
    [InlineData("GET", "/admin/locks/alice")]
    [InlineData("DELETE", "/admin/locks/alice")]
    [InlineData("DELETE", "/admin/locks/alice/retrieveDRRSLocations_v1")]
    [InlineData("POST", "/admin/anything/else")]
    [InlineData("GET", "/admin")]
    [InlineData("GET", "/Admin/Locks/alice")]
    public async Task Admin_Off_Is404AndNothingForwarded(string method, string path)
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add(GatewayFactory.UserHeader, NewUser());
        request.Headers.Add(AdminApiKey.HeaderName, "any-key-any-key-any-key");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(Backend.Requests);
        Assert.Single(gateway.Logs.WithEventId(EventIds.AdminDisabled));
    }

    [Fact]
    public async Task DrrsPathStartingLikeAdmin_IsStillProxied()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();

        using var response = await client.CallAsync(NewUser(), "/administration/retrieveDRRSLocations_v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Backend.Requests);
    }

    [Theory]
    [InlineData("short-key")]
    [InlineData("a key with spaces in it")]
    [InlineData("0123456789abcdef0123456789abcdef\n")]
    public void Start_UnusableAdminKey_FailsNamingItWithoutShowingIt(string key)
    {
        using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = key });

        var error = Assert.Throws<OptionsValidationException>(() => gateway.CreateClient());

        Assert.Contains("Admin:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Trim(), error.Message, StringComparison.Ordinal);
    }
}
