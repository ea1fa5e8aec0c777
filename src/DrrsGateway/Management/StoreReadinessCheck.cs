using DrrsGateway.AcceptableUse.Stores.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DrrsGateway.Management;

/// <summary>
/// Readiness of the lock store: Redis must answer a PING within <see cref="HealthOptions.ReadinessTimeoutMilliseconds"/>;
/// the embedded store is always ready. The wait is bounded so a probe never hangs on a dead Redis.
/// </summary>
internal sealed class StoreReadinessCheck(IServiceProvider services, IOptionsMonitor<HealthOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Registered only when ConnectionStrings:Redis is set; otherwise the policy runs in-process.
        if (services.GetService<RedisConnection>() is not { } connection)
        {
            return HealthCheckResult.Healthy("The embedded in-memory store is in use.");
        }

        var settings = options.CurrentValue;
        var failure = settings.ReadinessRequiresStore ? HealthStatus.Unhealthy : HealthStatus.Degraded;
        if (connection.Problem is { } problem || connection.Multiplexer is not { } redis)
        {
            return new HealthCheckResult(failure, connection.Problem ?? "Redis is not connected.");
        }

        try
        {
            // Not tied to the request's token: the timeout already bounds the wait, and an aborted probe
            // should not surface as an exception.
            var latency = await redis.GetDatabase().PingAsync()
                .WaitAsync(TimeSpan.FromMilliseconds(settings.ReadinessTimeoutMilliseconds), time, CancellationToken.None)
                .ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis answered PING in {latency.TotalMilliseconds:0} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(failure, "Redis did not answer PING in time.", ex);
        }
    }
}
