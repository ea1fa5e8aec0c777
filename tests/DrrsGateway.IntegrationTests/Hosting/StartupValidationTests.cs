using DrrsGateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace DrrsGateway.IntegrationTests.Hosting;

/// <summary>A bad setting stops the gateway at start-up with a message naming it.</summary>
/// <remarks>
/// Run alone: a host that fails while others start in parallel can be mixed up by the test host's
/// process-wide start-up interception, failing with an unrelated ObjectDisposedException.
/// </remarks>
[Collection(StartupFailureCollection.Name)]
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Aup:WindowSeconds", "0", "Aup:WindowSeconds")]
    [InlineData("Aup:Identity:TrustedProxies:0", "10.0.0.0/99", "Aup:Identity:TrustedProxies")]
    [InlineData("Aup:Identity:TrustedProxies", "10.0.0.1, bogus", "'bogus'")]
    [InlineData("Aup:Identity:TrustedHeader", "Bad Header", "Aup:Identity:TrustedHeader")]
    public void Start_InvalidSetting_FailsNamingIt(string key, string value, string expected)
    {
        using var gateway = new GatewayFactory("http://127.0.0.1:9/", settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => gateway.CreateClient());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Aup:WindowSeconds", "thirty")]
    [InlineData("Aup:OnStoreFailure", "Sometimes")]
    public void Start_UnparsableSetting_FailsNamingIt(string key, string value)
    {
        using var gateway = new GatewayFactory("http://127.0.0.1:9/", settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => gateway.CreateClient());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}

/// <summary>Tests whose hosts must start alone (failing start-ups, real Kestrel listeners); never run beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StartupFailureCollection
{
    public const string Name = "Start-up failures";
}
