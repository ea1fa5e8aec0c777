using DrrsGateway.AcceptableUse;
using DrrsGateway.ContainerTests.Infrastructure;

namespace DrrsGateway.ContainerTests.Compose;

/// <summary>docker-compose.yml as written: two gateway replicas and the simulator from the built images, one Redis.</summary>
[Collection(ImagesCollection.Name)]
public sealed class ComposeTests : IClassFixture<ComposeLab>, IDisposable
{
    private readonly ComposeLab _lab;
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };

    public ComposeTests(BuiltImages images, ComposeLab lab)
    {
        ArgumentNullException.ThrowIfNull(images);
        _lab = lab;
    }

    // One test, in this order: the stop ends a replica the policy check needs.
    [Fact]
    public async Task The_replicas_share_one_policy_and_a_stop_lets_the_call_in_flight_finish()
    {
        var first = await DrrsCall.SendAsync(_client, _lab.Published("gateway-1"), "alice");
        var second = await DrrsCall.SendAsync(_client, _lab.Published("gateway-2"), "alice");

        Assert.Equal(200, first.Status);
        Assert.Equal(500, second.Status);
        Assert.Contains(AupMessages.Violation(30), second.Body, StringComparison.Ordinal);
        // The replicas share the compose file's Redis, through its password and key prefix.
        var keys = (await _lab.RedisCliAsync("--scan", "--pattern", "drrs:aup:*")).EnsureSuccess();
        Assert.Contains("alice", keys.Output, StringComparison.Ordinal);

        var gracePeriod = _lab.Project.Services["gateway-2"].StopGracePeriod;
        Assert.True(gracePeriod >= TimeSpan.FromSeconds(30), $"stop_grace_period {gracePeriod} is shorter than the gateway's 25 s drain");
        var gateway = _lab.Container("gateway-2");
        using var call = await DrrsCall.StartAsync(_lab.Published("gateway-2"), "bob");
        await Task.Delay(500);
        await gateway.StopAsync();
        await Task.Delay(1000);

        Assert.Equal(200, await call.FinishAsync());
        var exitCode = await gateway.WaitForExitAsync(gracePeriod);
        Assert.True(exitCode == 0, $"gateway-2 exited {exitCode}: {gateway.Errors}");
    }

    public void Dispose() => _client.Dispose();
}
