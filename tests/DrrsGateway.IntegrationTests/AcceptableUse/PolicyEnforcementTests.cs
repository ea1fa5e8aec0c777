using System.Net;
using System.Text.Json;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>
/// The policy end to end, through the real proxy to a real backend. Run once per store by the
/// derived classes, so Redis and the embedded store are held to the same behaviour.
/// </summary>
public abstract class PolicyEnforcementTests : IAsyncLifetime
{
    private const string CaisoMessage =
        "CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in 30 seconds from now. Note: Time resets each time you request before expiration.";

    private RecordingBackend _backend = null!;
    private GatewayFactory _gateway = null!;
    private HttpClient _client = null!;

    protected abstract string? RedisConnectionString { get; }

    public async Task InitializeAsync()
    {
        _backend = await RecordingBackend.StartAsync();
        _gateway = new GatewayFactory(_backend.Address, RedisConnectionString);
        _client = _gateway.CreateClientFrom();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Call_FirstRequest_IsForwardedToDrrs()
    {
        using var response = await _client.CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RecordingBackend.Body, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, _backend.CountFor(LocationsPath));
    }

    [Fact]
    public async Task Call_SameServiceAgain_IsRefusedWithCaisoMessageAndNotForwarded()
    {
        var user = NewUser();
        using var first = await _client.CallAsync(user);
        using var second = await _client.CallAsync(user);

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(CaisoMessage, await second.Content.ReadAsStringAsync());
        Assert.Equal("text/plain; charset=utf-8", second.Content.Headers.ContentType!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(30), second.Headers.RetryAfter!.Delta);
        Assert.Equal(1, _backend.CountFor(LocationsPath));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/problem+json")]
    public async Task Call_RefusedJsonCaller_GetsProblemDetailsWithTheMessage(string accept)
    {
        var user = NewUser();
        using var first = await _client.CallAsync(user);
        using var second = await _client.CallAsync(user, accept: accept);

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(CaisoMessage, problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(TimeSpan.FromSeconds(30), second.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task Call_OtherServiceWithinWindow_IsAllowed()
    {
        var user = NewUser();
        using var first = await _client.CallAsync(user, LocationsPath);
        using var second = await _client.CallAsync(user, RegistrationsPath);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, _backend.CountFor(RegistrationsPath));
    }

    [Fact]
    public async Task Call_OtherUserSameService_IsAllowed()
    {
        using var first = await _client.CallAsync(NewUser());
        using var second = await _client.CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, _backend.CountFor(LocationsPath));
    }

    [Fact]
    public async Task Call_ServiceInOtherCase_IsTheSameService()
    {
        var user = NewUser();
        using var first = await _client.CallAsync(user, "/sst/runtime.asvc/retrieveDRRSLocations_v1");
        using var second = await _client.CallAsync(user, "/sst/runtime.asvc/RETRIEVEDRRSLOCATIONS_V1");

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Fact]
    public async Task Call_NoIdentity_Is401AndNotForwarded()
    {
        using var response = await _client.PostAsync(LocationsPath, new StringContent("<soap/>"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("could not tell which user", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_backend.Requests);
    }

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("127.0.0.2")]
    public async Task Call_IdentityHeaderFromUntrustedPeer_Is401AndNotForwarded(string peer)
    {
        using var client = _gateway.CreateClientFrom(IPAddress.Parse(peer));

        using var response = await client.CallAsync(NewUser());
        using var again = await client.CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_backend.Requests);

        // Why the caller got 401 is in the log, once per address, not once per call.
        var ignored = Assert.Single(_gateway.Logs.WithEventId(EventIds.IdentityHeaderFromUntrustedPeer));
        Assert.Equal(peer, LogCollector.Scalar(ignored, "RemoteAddress"));
        Assert.Equal(GatewayFactory.UserHeader, LogCollector.Scalar(ignored, "Header"));
    }

    [Fact]
    public async Task Call_OversizedIdentity_Is400AndNotForwarded()
    {
        using var response = await _client.CallAsync(new string('u', 1000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("longer than 256", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public async Task Call_NoServiceInPath_Is400AndNotForwarded()
    {
        using var response = await _client.CallAsync(NewUser(), "/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public async Task Healthz_CalledRepeatedly_IsNeverLimitedNorProxied()
    {
        for (var i = 0; i < 5; i++)
        {
            using var response = await _client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Empty(_backend.Requests);
    }

    [Fact]
    public async Task Call_64SimultaneousSameKey_AllowsExactlyOne()
    {
        var user = NewUser();
        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => _client.CallAsync(user))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(63, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(1, _backend.CountFor(LocationsPath));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}

/// <summary>The policy with the Redis store.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisPolicyEnforcementTests(RedisFixture redis) : PolicyEnforcementTests
{
    protected override string? RedisConnectionString => redis.Server.ConnectionString;
}

/// <summary>The policy with the embedded in-memory store.</summary>
public sealed class InMemoryPolicyEnforcementTests : PolicyEnforcementTests
{
    protected override string? RedisConnectionString => null;
}
