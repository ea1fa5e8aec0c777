using DrrsGateway.AcceptableUse.Settings;
using Yarp.ReverseProxy.Model;

namespace DrrsGateway.AcceptableUse.Routes;

/// <summary>The policy as the request's route applies it: its route metadata over the gateway's settings.</summary>
internal readonly record struct AupRouteSettings(AupMode Mode, int WindowSeconds, string? Service = null, bool ClusterCertificateIdentity = false)
{
    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    /// <summary>The settings of the request's route.</summary>
    public static AupRouteSettings For(HttpContext context, AupPolicy policy)
    {
        if (context.Features.Get<IReverseProxyFeature>()?.Route.Config is not { } route)
        {
            return new(policy.Mode, policy.WindowSeconds);
        }

        var metadata = RouteMetadata.Of(route);
        return new(metadata.Mode ?? policy.Mode, metadata.WindowSeconds ?? policy.WindowSeconds, metadata.Service, metadata.ClusterCertificateIdentity);
    }
}
