using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Settings;

namespace DrrsGateway.AcceptableUse;

/// <summary>Puts the Acceptable Use Policy into a (proxy) pipeline.</summary>
public static class AupApplicationBuilderExtensions
{
    /// <summary>
    /// Enforces the policy on every request that reaches this point. Call it inside YARP's proxy pipeline
    /// so health and metrics endpoints are never limited and refused requests never reach DRRS. Identity
    /// headers of untrusted peers are dropped first, and a forwarded client certificate is read only from
    /// a trusted proxy.
    /// </summary>
    public static IApplicationBuilder UseAcceptableUsePolicy(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<AupMarkerService>() is null)
        {
            throw new InvalidOperationException(
                "UseAcceptableUsePolicy needs the policy's services: call builder.AddAcceptableUsePolicy() when configuring services.");
        }

        app.UseMiddleware<UntrustedIdentityHeadersMiddleware>();
        var policy = app.ApplicationServices.GetRequiredService<AupPolicyProvider>();
        if (policy.Current.Identity.ForwardedCertificateHeader is not null)
        {
            // Only a trusted proxy may say which certificate its client presented: for anyone else the
            // forwarding middleware does not run at all, whatever headers they send.
            app.UseWhen(
                context => policy.Current.Identity.TrustedProxies.Contains(context.Connection.RemoteIpAddress),
                trusted => trusted.UseCertificateForwarding());
        }

        return app.UseMiddleware<AupMiddleware>();
    }
}
