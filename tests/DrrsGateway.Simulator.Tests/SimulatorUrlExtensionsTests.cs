using DrrsGateway.Simulator.Hosting;
using Microsoft.Extensions.Configuration;

namespace DrrsGateway.Simulator.Tests;

public sealed class SimulatorUrlExtensionsTests
{
    [Theory]
    [InlineData("urls", "http://0.0.0.0:9000")]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    public void NamesAnAddress_AddressConfigured_ReturnsTrue(string key, string value) =>
        Assert.True(SimulatorUrlExtensions.NamesAnAddress(Configuration(key, value)));

    [Fact]
    public void NamesAnAddress_NothingConfigured_ReturnsFalse() =>
        Assert.False(SimulatorUrlExtensions.NamesAnAddress(Configuration("unrelated", "value")));

    private static IConfiguration Configuration(string key, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
}
