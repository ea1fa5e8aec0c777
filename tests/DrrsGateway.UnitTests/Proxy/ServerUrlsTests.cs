using DrrsGateway.Management;
using DrrsGateway.Proxy;

namespace DrrsGateway.UnitTests.Proxy;

public sealed class ServerUrlsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", null, null, "http://127.0.0.1:5000;http://*:9100")]
    [InlineData("http://a:1;http://b:2", "8080", null, "http://a:1;http://b:2;http://*:9100")]
    [InlineData(null, "8080", null, "http://*:8080;http://*:9100")]
    [InlineData("", "8080,8081", "8443", "http://*:8080;http://*:8081;https://*:8443;http://*:9100")]
    [InlineData(null, null, null, "http://localhost:5000;http://*:9100")]
    public void WithManagementPort_ProxyAddresses_KeepsThemAndAddsPort(string? urls, string? httpPorts, string? httpsPorts, string expected)
    {
        Assert.Equal(expected, ServerUrls.WithManagementPort(urls, httpPorts, httpsPorts, 9100));
    }

    [Theory]
    [InlineData("http://+:9100", null)]
    [InlineData(null, "8080;9100")]
    public void WithManagementPort_PortAlreadyProxied_ThrowsNamingSetting(string? urls, string? httpPorts)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ServerUrls.WithManagementPort(urls, httpPorts, null, 9100));

        Assert.Contains(ManagementExtensions.PortSetting, error.Message, StringComparison.Ordinal);
    }
}
