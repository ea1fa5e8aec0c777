using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.Simulator.Tests;

public sealed class AupSettingsTests
{
    [Fact]
    public async Task Post_PolicyOffByDefault_AnswersEveryCallAndCountsIt()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var client = host.CreateClient();

        Assert.Equal(200, await AupCalls.StatusAsync(client, AupCalls.Retrieve(AupCalls.RetrieveLocations, "alice")));
        Assert.Equal(200, await AupCalls.StatusAsync(client, AupCalls.Retrieve(AupCalls.RetrieveLocations, "alice")));

        Assert.Equal((2, 0), await AupCalls.CountsAsync(client, "alice"));
    }

    [Fact]
    public async Task Post_ShorterWindow_StatesItsSecondsAndEndsThen()
    {
        var clock = new FakeTimeProvider();
        await using var host = await SimulatorHost.StartAsync(["--Simulator:Aup:Enabled=true", "--Simulator:Aup:WindowSeconds=5"], clock);
        using var client = host.CreateClient();
        await AupCalls.StatusAsync(client, AupCalls.Retrieve(AupCalls.RetrieveLocations, "alice"));

        using var refused = await client.SendAsync(AupCalls.Retrieve(AupCalls.RetrieveLocations, "alice"));
        clock.Advance(TimeSpan.FromSeconds(5));
        var afterWindow = await AupCalls.StatusAsync(client, AupCalls.Retrieve(AupCalls.RetrieveLocations, "alice"));

        Assert.Contains(AupCalls.Message.Replace("in 30 seconds", "in 5 seconds", StringComparison.Ordinal), await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, afterWindow);
    }

    [Fact]
    public async Task Post_ConfiguredUserHeader_NamesTheUser()
    {
        await using var host = await SimulatorHost.StartAsync(["--Simulator:Aup:Enabled=true", "--Simulator:Aup:UserHeader=X-Caller"]);
        using var client = host.CreateClient();
        var first = AupCalls.Retrieve(AupCalls.RetrieveLocations, user: null);
        first.Headers.Add("X-Caller", "carol");
        var second = AupCalls.Retrieve(AupCalls.RetrieveLocations, user: "carol");

        Assert.Equal(200, await AupCalls.StatusAsync(client, first));
        Assert.Equal(200, await AupCalls.StatusAsync(client, second));
        Assert.Equal((1, 0), await AupCalls.CountsAsync(client, "carol"));
    }

    [Theory]
    [InlineData("--Simulator:Aup:WindowSeconds=0")]
    [InlineData("--Simulator:Aup:UserHeader=not a header")]
    [InlineData("--Simulator:Tls:ClientCaPath=/tmp/ca.pem")]
    public async Task Start_InvalidSetting_FailsWithTheSettingsName(string setting)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SimulatorHost.StartAsync([setting]));

        Assert.Contains(setting[2..setting.LastIndexOf(':')], error.Message, StringComparison.Ordinal);
    }
}
