namespace DrrsGateway.AcceptableUse;

/// <summary>Puts the Acceptable Use Policy into a (proxy) pipeline.</summary>
public static class AupApplicationBuilderExtensions
{
    /// <summary>
    /// Enforces the policy on every request that reaches this point. Call it inside YARP's proxy pipeline
    /// so health and metrics endpoints are never limited and refused requests never reach DRRS.
    /// </summary>
    public static IApplicationBuilder UseAcceptableUsePolicy(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<AupMarkerService>() is null)
        {
            throw new InvalidOperationException(
                "UseAcceptableUsePolicy needs the policy's services: call builder.AddAcceptableUsePolicy() when configuring services.");
        }

        return app.UseMiddleware<AupMiddleware>();
    }
}
