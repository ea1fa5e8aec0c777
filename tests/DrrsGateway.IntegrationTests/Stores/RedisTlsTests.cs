using System.Net;
using DrrsGateway.AcceptableUse.Stores.Redis;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.Management;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog.Events;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Stores;

/// <summary>
/// Redis over TLS as operators run it: a private CA signs the server, the server requires client
/// certificates, and the gateway is configured with Redis:Tls:* only. Servers signed otherwise are refused.
/// </summary>
public sealed class RedisTlsTests(TlsRedisFixture tls) : BackendTests, IClassFixture<TlsRedisFixture>
{
    [Fact]
    public async Task Tls_PrivateCaAndClientCertificate_EnforcesPolicy()
    {
        await using var gateway = new GatewayFactory(Backend.Address, tls.Server.ConnectionString, tls.GatewaySettings());
        using var client = gateway.CreateClientFrom();
        var user = NewUser();

        using var allowed = await client.CallAsync(user);
        using var refused = await client.CallAsync(user);
        using var ready = await client.GetAsync(HealthEndpointExtensions.ReadinessPath);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(1, Backend.CountFor(LocationsPath));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        await EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisServerConnected).Any()), "the connection is reported");
        Assert.Equal(true, LogCollector.Scalar(gateway.Logs.WithEventId(EventIds.RedisServerConnected).Single(), "Tls"));
    }

    [Fact]
    public async Task Tls_ServerCertificateFromAnotherCa_IsRefusedLoggedAndNotReady()
    {
        using var certificate = tls.OtherCa.IssueServer();
        using var server = tls.StartServer(certificate);

        var reason = await RefusedCertificateReasonAsync(server);

        Assert.Contains("does not chain to a CA in Redis:Tls:CaCertificatePath", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_ServerCertificateForAnotherHostName_IsRefused()
    {
        // Signed by the trusted CA, but for a name that is not 127.0.0.1.
        using var certificate = tls.Ca.IssueServer("redis.elsewhere.example");
        using var server = tls.StartServer(certificate);

        var reason = await RefusedCertificateReasonAsync(server);

        Assert.Contains("not issued for the host name", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_NoClientCertificateWhereServerRequiresOne_IsRefusedWithClearLog()
    {
        var settings = new Dictionary<string, string?> { ["Redis:Tls:CaCertificatePath"] = tls.CaPath };
        await using var gateway = new GatewayFactory(Backend.Address, tls.Server.ConnectionString, settings);
        using var client = gateway.CreateClientFrom();

        await EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected).Any()), "the failed start is reported", TimeSpan.FromSeconds(30));
        var failure = gateway.Logs.WithEventId(EventIds.RedisServerNotConnected).Single();
        using var ready = await client.GetAsync(HealthEndpointExtensions.ReadinessPath);

        Assert.Equal(LogEventLevel.Error, failure.Level);
        Assert.Contains("Redis:Tls:ClientCertificatePath", (string)LogCollector.Scalar(failure, "Reason")!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.NotNull(gateway.Services.GetRequiredService<RedisConnection>().Problem);
    }

    [Fact]
    public async Task Tls_PublishedGatewayConfiguredByEnvironment_EnforcesPolicy()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = tls.Server.ConnectionString,
            ["Redis__Tls__CaCertificatePath"] = tls.CaPath,
            ["Redis__Tls__ClientCertificatePath"] = tls.ClientCertificatePath,
            ["Redis__Tls__ClientKeyPath"] = tls.ClientKeyPath,
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = Backend.Address,
            ["Aup__Identity__TrustedHeader"] = "X-Drrs-User",
            ["Aup__KeyPrefix"] = $"tls:{Guid.NewGuid():N}:",
        };
        await using var gateway = await GatewayProcess.StartAsync(environment);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        var user = NewUser();

        using var allowed = await client.CallAsync(user);
        using var refused = await client.CallAsync(user);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(1, Backend.CountFor(LocationsPath));
        await EventuallyAsync(
            // Connected at the first attempt (171), or, on a loaded machine whose first TLS handshake outlasted
            // the connect timeout, a moment later (173): either line says TLS.
            () => Task.FromResult(gateway.Output.Any(line => (line.Contains("\"Id\":171", StringComparison.Ordinal) || line.Contains("\"Id\":173", StringComparison.Ordinal))
                && line.Contains("\"Tls\":true", StringComparison.Ordinal))),
            "the TLS connection is reported");
    }

    [Fact]
    public void Start_ClientKeyWithoutCertificate_FailsNamingTheSetting()
    {
        var settings = new Dictionary<string, string?> { ["Redis:Tls:ClientKeyPath"] = tls.ClientKeyPath };
        using var gateway = new GatewayFactory(Backend.Address, tls.Server.ConnectionString, settings);

        var error = Assert.Throws<OptionsValidationException>(() => gateway.CreateClient());

        Assert.Contains("Redis:Tls:ClientCertificatePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_CaFileMissing_FailsNamingTheSetting()
    {
        var settings = new Dictionary<string, string?> { ["Redis:Tls:CaCertificatePath"] = Path.Combine(tls.Directory, "absent.pem") };
        using var gateway = new GatewayFactory(Backend.Address, tls.Server.ConnectionString, settings);

        var error = Assert.Throws<OptionsValidationException>(() => gateway.CreateClient());

        Assert.Contains("Redis:Tls:CaCertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    // The gateway trusts the fixture's CA and presents its client certificate; the server must still be refused.
    private async Task<string> RefusedCertificateReasonAsync(TlsRedisServer server)
    {
        await using var gateway = new GatewayFactory(Backend.Address, server.ConnectionString, tls.GatewaySettings());
        using var client = gateway.CreateClientFrom();

        await EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisServerCertificateRefused).Any()), "the refused certificate is logged");
        var refusal = gateway.Logs.WithEventId(EventIds.RedisServerCertificateRefused).First();
        using var ready = await client.GetAsync(HealthEndpointExtensions.ReadinessPath);
        using var call = await client.CallAsync(NewUser());

        Assert.Equal(LogEventLevel.Error, refusal.Level);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.NotNull(gateway.Services.GetRequiredService<RedisConnection>().Problem);

        // The factory's Aup:OnStoreFailure is Reject: nothing reaches DRRS unchecked.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, call.StatusCode);
        Assert.Empty(Backend.Requests);
        return (string)LogCollector.Scalar(refusal, "Reason")!;
    }
}
