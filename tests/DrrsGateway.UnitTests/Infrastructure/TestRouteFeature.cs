using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace DrrsGateway.UnitTests.Infrastructure;

/// <summary>What YARP attaches to a proxied request, reduced to the matched route and its metadata.</summary>
public sealed class TestRouteFeature(IReadOnlyDictionary<string, string> metadata) : IReverseProxyFeature
{
    public RouteModel Route { get; } = new(new RouteConfig { RouteId = "test", Metadata = metadata }, cluster: null, HttpTransformer.Empty);

    public ClusterModel Cluster { get; set; } = null!;

    public IReadOnlyList<DestinationState> AllDestinations => [];

    public IReadOnlyList<DestinationState> AvailableDestinations { get; set; } = [];

    public DestinationState? ProxiedDestination { get; set; }

    /// <summary>A request matched to a route with <paramref name="metadata"/>.</summary>
    public static DefaultHttpContext Request(string path, IReadOnlyDictionary<string, string> metadata)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Features.Set<IReverseProxyFeature>(new TestRouteFeature(metadata));
        return context;
    }
}
