using System.Diagnostics;
using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.Management;
using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Hosting;

/// <summary>
/// Readiness follows the store: 200 while it answers, 503 while Redis is configured and unreachable, and
/// always within a bounded time. Liveness never looks at the store.
/// </summary>
public sealed class ReadinessTests
{
    private static readonly TimeSpan FlipWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Readiness_EmbeddedStore_Is200()
    {
        await using var gateway = new GatewayFactory("http://127.0.0.1:9/");
        using var client = gateway.CreateClientFrom();

        using var response = await client.GetAsync(HealthEndpointExtensions.ReadinessPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_RedisKilledThenRestarted_Flips503Then200()
    {
        using var redis = RedisServer.Start();
        await using var gateway = new GatewayFactory("http://127.0.0.1:9/", redis.ConnectionString);
        using var client = gateway.CreateClientFrom();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, HealthEndpointExtensions.ReadinessPath));

        redis.Kill();
        await WaitForAsync(client, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, HealthEndpointExtensions.LivenessPath));

        redis.Restart();
        await WaitForAsync(client, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readiness_RedisUnreachable_AnswersWithinTimeout()
    {
        await using var gateway = new GatewayFactory("http://127.0.0.1:9/", UnreachableRedis());
        using var client = gateway.CreateClientFrom();
        client.Timeout = TimeSpan.FromSeconds(10);

        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(HealthEndpointExtensions.ReadinessPath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Readiness_RedisUnreachableAndNotRequired_Is200()
    {
        var settings = new Dictionary<string, string?> { ["Health:ReadinessRequiresStore"] = "false" };
        await using var gateway = new GatewayFactory("http://127.0.0.1:9/", UnreachableRedis(), settings);
        using var client = gateway.CreateClientFrom();

        using var response = await client.GetAsync(HealthEndpointExtensions.ReadinessPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Degraded: Redis at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("30001")]
    public void Start_InvalidReadinessTimeout_FailsNamingIt(string value)
    {
        using var gateway = new GatewayFactory("http://127.0.0.1:9/", settings: new Dictionary<string, string?> { ["Health:ReadinessTimeoutMilliseconds"] = value });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => gateway.CreateClient());

        Assert.Contains("Health:ReadinessTimeoutMilliseconds", error.Message, StringComparison.Ordinal);
    }

    // A port nobody listens on, with a short connect timeout so the gateway starts quickly without it.
    private static string UnreachableRedis() => $"127.0.0.1:{FreePort.Next()},connectTimeout=500";

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    private static async Task WaitForAsync(HttpClient client, HttpStatusCode expected)
    {
        var deadline = Stopwatch.StartNew();
        var last = default(HttpStatusCode);
        while (deadline.Elapsed < FlipWithin)
        {
            last = await StatusAsync(client, HealthEndpointExtensions.ReadinessPath);
            if (last == expected)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{HealthEndpointExtensions.ReadinessPath} answered {last}, not {expected}, for {FlipWithin.TotalSeconds} s.");
    }
}
