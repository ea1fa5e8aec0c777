using DrrsGateway.AcceptableUse.Routes;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.UnitTests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace DrrsGateway.UnitTests.AcceptableUse.Routes;

public sealed class AupRouteSettingsTests
{
    private static readonly AupPolicy Options = TestPolicy.Default;

    [Fact]
    public void For_NoRouteFeature_EnforcesTheGlobalWindow() =>
        Assert.Equal(new AupRouteSettings(AupMode.Enforce, 30), AupRouteSettings.For(new DefaultHttpContext(), Options));

    [Theory]
    [InlineData("Shadow", "5", AupMode.Shadow, 5)]
    [InlineData("off", null, AupMode.Off, 30)]
    [InlineData(" ENFORCE ", " 45 ", AupMode.Enforce, 45)]
    [InlineData(null, "120", AupMode.Enforce, 120)]
    [InlineData("hold", null, AupMode.Hold, 30)]
    public void For_RouteMetadata_SetsModeAndWindow(string? mode, string? window, AupMode expectedMode, int expectedWindow)
    {
        var metadata = new Dictionary<string, string>();
        if (mode is not null)
        {
            metadata[RouteMetadata.ModeKey] = mode;
        }

        if (window is not null)
        {
            metadata[RouteMetadata.WindowKey] = window;
        }

        var settings = AupRouteSettings.For(TestRouteFeature.Request("/x", metadata), Options);

        Assert.Equal(new AupRouteSettings(expectedMode, expectedWindow), settings);
    }

    [Theory]
    [InlineData("Of", "thirty")]
    [InlineData("2", "0")]
    [InlineData("", "-5")]
    [InlineData("Enforce,Off", "86401")]
    [InlineData("Shadow Off", "1e3")]
    [InlineData("Enforce|Off", "30.5")]
    public void For_InvalidMetadata_FallsBackToEnforcingTheGlobalWindow(string mode, string window)
    {
        var metadata = new Dictionary<string, string>
        {
            [RouteMetadata.ModeKey] = mode,
            [RouteMetadata.WindowKey] = window,
        };

        var settings = AupRouteSettings.For(TestRouteFeature.Request("/x", metadata), Options);

        Assert.Equal(new AupRouteSettings(AupMode.Enforce, 30), settings);
    }

    [Fact]
    public void For_ServiceMetadata_PinsTheTrimmedService()
    {
        var settings = AupRouteSettings.For(TestRouteFeature.Request("/x", new Dictionary<string, string> { [RouteMetadata.ServiceKey] = " Pinned " }), Options);

        Assert.Equal("Pinned", settings.Service);
    }

    [Fact]
    public void For_SameRouteConfig_ParsesItsMetadataOnce()
    {
        var context = TestRouteFeature.Request("/x", new Dictionary<string, string> { [RouteMetadata.ModeKey] = "Shadow" });
        var route = context.Features.Get<Yarp.ReverseProxy.Model.IReverseProxyFeature>()!.Route.Config;

        Assert.Same(RouteMetadata.Of(route), RouteMetadata.Of(route));
    }

    [Fact]
    public void For_NoModeMetadata_TakesTheGatewaysMode()
    {
        var policy = TestPolicy.From(new AupOptions { Mode = AupMode.Hold });

        Assert.Equal(AupMode.Hold, AupRouteSettings.For(TestRouteFeature.Request("/x", new Dictionary<string, string>()), policy).Mode);
        Assert.Equal(AupMode.Hold, AupRouteSettings.For(new DefaultHttpContext(), policy).Mode);
    }
}
