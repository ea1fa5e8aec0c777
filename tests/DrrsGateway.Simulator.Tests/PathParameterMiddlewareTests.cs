using DrrsGateway.Simulator.Hosting;

namespace DrrsGateway.Simulator.Tests;

public sealed class PathParameterMiddlewareTests
{
    [Theory]
    [InlineData("/sst/runtime.asvc/Op;jsessionid=ABC", "/sst/runtime.asvc/Op")]
    [InlineData("/sst;x=1/runtime.asvc;y=2/Op", "/sst/runtime.asvc/Op")]
    [InlineData("/sst/runtime.asvc;jsessionid=ABC", "/sst/runtime.asvc")]
    [InlineData("/sst/runtime.asvc/Op", "/sst/runtime.asvc/Op")]
    public void Strip_PathWithParameters_DropsThem(string path, string expected) =>
        Assert.Equal(expected, PathParameterMiddleware.Strip(path));
}
