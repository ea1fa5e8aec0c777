using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Settings;
using Yarp.ReverseProxy.Configuration;

namespace DrrsGateway.AcceptableUse.Routes;

/// <summary>
/// Checks the policy's route metadata whenever YARP loads routes. A bad value stops the gateway at start-up
/// with a message naming the route; in a live reload YARP logs the error and keeps the previous routes, so a
/// typo never silently switches a route's policy off or changes its window.
/// </summary>
internal sealed class AupRouteConfigFilter(AupSettings settings) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => new(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        var metadata = route.Metadata;
        if (metadata is null)
        {
            return new(route);
        }

        if (metadata.TryGetValue(AupRouteSettings.ModeMetadataKey, out var mode) && !AupRouteSettings.TryParseMode(mode, out _))
        {
            throw Invalid(route, AupRouteSettings.ModeMetadataKey, mode, "Enforce, Shadow or Off");
        }

        if (metadata.TryGetValue(AupRouteSettings.WindowMetadataKey, out var window) && !AupRouteSettings.TryParseWindow(window, out _))
        {
            throw Invalid(route, AupRouteSettings.WindowMetadataKey, window, $"a whole number of seconds from 1 to {AupOptionsValidator.MaxWindowSeconds}");
        }

        if (metadata.TryGetValue(ServiceNameResolver.ServiceMetadataKey, out var service)
            && NameRules.Check(service?.Trim() ?? "", settings.Current.MaxServiceLength, "service name") is { } problem)
        {
            throw Invalid(route, ServiceNameResolver.ServiceMetadataKey, service, $"a usable service name ({problem})");
        }

        return new(route);
    }

    private static InvalidOperationException Invalid(RouteConfig route, string key, string? value, string expected) =>
        new($"Route '{route.RouteId}' has metadata {key} = '{value}'; it must be {expected}.");
}
