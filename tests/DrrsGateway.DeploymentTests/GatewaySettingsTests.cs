using DrrsGateway.DeploymentTests.Compose;
using DrrsGateway.DeploymentTests.Kubernetes;

namespace DrrsGateway.DeploymentTests;

/// <summary>
/// Every place that configures the gateway (compose services, kustomize base and overlays) sets only
/// variables the gateway reads, with values its start-up validation accepts.
/// </summary>
public sealed class GatewaySettingsTests
{
    public static TheoryData<string> Sources =>
        [.. ComposeFile.Load().ServicesRunning(DeploymentConventions.GatewayImage).Select(service => "compose:" + service), .. Kustomization.All];

    [Theory]
    [MemberData(nameof(Sources))]
    public void EnvironmentNames_Source_AreGatewaySettings(string source)
    {
        Assert.Empty(GatewaySettings.Unknown(EnvironmentOf(source)));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void AupValues_Source_PassGatewayValidation(string source)
    {
        var options = GatewaySettings.BuildAupPolicy(EnvironmentOf(source));

        Assert.True(options.Enabled);
        Assert.Equal("X-Drrs-User", options.Identity.TrustedHeader);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void RequiredSettings_Source_ArePresent(string source)
    {
        var environment = EnvironmentOf(source);

        Assert.Contains("ConnectionStrings__Redis", environment.Keys);
        Assert.Contains("ReverseProxy__Clusters__drrs__Destinations__primary__Address", environment.Keys);
        Assert.Contains("Aup__Identity__TrustedProxies", environment.Keys);
    }

    [Theory]
    [InlineData("Aup__WindowSeconds")]
    [InlineData("aup__identity__trustedproxies")]
    [InlineData("ConnectionStrings__Redis")]
    [InlineData("ReverseProxy__Clusters__drrs__Destinations__primary__Address")]
    [InlineData("Serilog__MinimumLevel__Default")]
    [InlineData("Admin__ApiKey")]
    [InlineData("Management__Port")]
    [InlineData("Health__ReadinessRequiresStore")]
    [InlineData("RequestLog__Level")]
    [InlineData("Redis__Tls__CaCertificatePath")]
    [InlineData("Redis__Tls__ClientKeyPath")]
    [InlineData("Monitoring__StuckClientSeconds")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    [InlineData("ASPNETCORE_HTTP_PORTS")]
    public void IsSetting_GatewaySetting_ReturnsTrue(string name)
    {
        Assert.True(GatewaySettings.IsSetting(name));
    }

    [Theory]
    [InlineData("Aup__WindowSecond")]
    [InlineData("Aup__Identity")]
    [InlineData("Aup__Identity__Header")]
    [InlineData("Aup__Window")]
    [InlineData("ConnectionStrings__Cache")]
    [InlineData("ReverseProxy__")]
    [InlineData("Admin__Key")]
    [InlineData("Health__Readiness")]
    [InlineData("Redis__Tls__CaPath")]
    [InlineData("Redis__Tls")]
    [InlineData("Monitoring__StuckClients")]
    [InlineData("REDIS_PASSWORD")]
    public void IsSetting_UnknownName_ReturnsFalse(string name)
    {
        Assert.False(GatewaySettings.IsSetting(name));
    }

    [Fact]
    public void Unknown_HelperExpandedIntoSetting_IsAllowed()
    {
        var environment = new Dictionary<string, string?>
        {
            ["REDIS_PASSWORD"] = null,
            ["ConnectionStrings__Redis"] = "redis:6379,password=$(REDIS_PASSWORD)",
            ["UNUSED_HELPER"] = "x",
        };

        Assert.Equal(["UNUSED_HELPER"], GatewaySettings.Unknown(environment));
    }

    [Fact]
    public void BuildAupPolicy_InvalidValue_Throws()
    {
        var environment = new Dictionary<string, string?> { ["Aup__Identity__TrustedProxies"] = "10.0.0.0/99" };

        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => GatewaySettings.BuildAupPolicy(environment));
    }

    private static IReadOnlyDictionary<string, string?> EnvironmentOf(string source) =>
        source.StartsWith("compose:", StringComparison.Ordinal)
            ? ComposeFile.Load().Environment(source["compose:".Length..])
            : GatewayEnvironment.Of(source);
}
