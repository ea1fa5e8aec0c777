using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>Redis is ready when it answers a PING in time; the wait is bounded so a probe never hangs on a dead Redis.</summary>
internal sealed class RedisStoreHealth(RedisConnection connection, StoreCircuitBreaker breaker, TimeProvider time) : IAupStoreHealth
{
    public bool IsShared => true;

    public int RetryAfterSeconds => breaker.Policy.BreakSeconds;

    public string? Problem => connection.Multiplexer is { IsConnected: true } ? null : connection.Problem ?? "Redis is not connected.";

    public async Task<HealthCheckResult> CheckReadinessAsync(TimeSpan timeout, HealthStatus failure, CancellationToken cancellationToken)
    {
        if (connection.Problem is { } problem || connection.Multiplexer is not { } redis)
        {
            return new HealthCheckResult(failure, connection.Problem ?? "Redis is not connected.");
        }

        try
        {
            // Not tied to the request's token: the timeout already bounds the wait, and an aborted probe
            // should not surface as an exception.
            var latency = await redis.GetDatabase().PingAsync()
                .WaitAsync(timeout, time, CancellationToken.None)
                .ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis answered PING in {latency.TotalMilliseconds:0} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(failure, "Redis did not answer PING in time.", ex);
        }
    }
}
