using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// The shared store: one Redis for any number of gateway replicas. A single
/// <c>SET key 1 PX window GET</c> both decides (was there a lock?) and restarts the window, atomically
/// and on the server's clock, so replicas need no clock agreement and no script.
/// </summary>
/// <remarks>
/// Flood shield: once Redis has refused a key, this replica knows its lock lasts at least a window from
/// when the command was sent. Until then further requests are refused at once and the window is restarted
/// in Redis without waiting (fire-and-forget <c>SET key 1 PX …</c>, at most one per key per
/// <see cref="FloodRestarts.Interval"/>, each giving the lock the time left from the latest refusal), so
/// every replica still sees the lock a round trip per request would have left.
/// </remarks>
internal sealed partial class RedisAupStore : IAupStore
{
    private static readonly RedisValue LockValue = 1;

    private readonly RedisConnection _redis;
    private readonly RedisKeyFormat _keys;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisAupStore> _logger;
    private readonly KnownLocks? _knownLocks;
    private readonly FloodRestarts? _floodRestarts;

    public RedisAupStore(RedisConnection redis, RedisKeyFormat keys, TimeSpan timeout, TimeProvider time, ILogger<RedisAupStore> logger, KnownLocks? knownLocks)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _redis = redis;
        _keys = keys;
        _timeout = timeout;
        _time = time;
        _logger = logger;
        _knownLocks = knownLocks;
        _floodRestarts = knownLocks is null ? null : new FloodRestarts(time, SendRestart, knownLocks.IsLocked);
    }

    public ValueTask<StoreAnswer> RecordRequestAsync(AupKey key, TimeSpan window)
    {
        var sentAt = _time.GetTimestamp();
        if (_knownLocks is not null && _knownLocks.IsLocked(key, sentAt))
        {
            return RefuseKnownLock(key, window, sentAt);
        }

        return DecideInRedisAsync(key, window, sentAt);
    }

    private ValueTask<StoreAnswer> RefuseKnownLock(AupKey key, TimeSpan window, long now)
    {
        // Remembered first: the restart is only sent while the replica knows the key locked.
        _knownLocks!.Remember(key, now + WindowTicks(window));
        _floodRestarts!.Restart(key, window, now);
        return ValueTask.FromResult(StoreAnswer.Rejected);
    }

    // Fire-and-forget, and the async API even so: the sync one may wait for the connection's write lock. Called
    // from a timer too, so it never throws.
    private void SendRestart(AupKey key, TimeSpan lockFor)
    {
        try
        {
            _ = _redis.Database?.StringSetAsync(_keys.For(key), LockValue, lockFor, When.Always, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            // The refusal stands (the lock is certain); only the restart is lost, as in any store failure.
            Log.StoreFailed(_logger, ex);
        }
    }

    // Not connected yet (a Sentinel whose primary is still unknown): nothing to wait for.
    private ValueTask<StoreAnswer> DecideInRedisAsync(AupKey key, TimeSpan window, long sentAt) =>
        _redis.Database is { } database
            ? DecideInRedisAsync(database, key, window, sentAt)
            : ValueTask.FromResult(StoreAnswer.StoreUnavailable);

    private async ValueTask<StoreAnswer> DecideInRedisAsync(IDatabase database, AupKey key, TimeSpan window, long sentAt)
    {
        try
        {
            var previous = await database
                .StringSetAndGetAsync(_keys.For(key), LockValue, window, keepTtl: false, When.Always)
                .WaitAsync(_timeout, _time)
                .ConfigureAwait(false);
            if (previous.IsNull)
            {
                return StoreAnswer.Allowed;
            }

            // Redis ran the command after it was sent, so its lock outlives sentAt + window.
            _knownLocks?.Remember(key, sentAt + WindowTicks(window));
            return StoreAnswer.Rejected;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.StoreFailed(_logger, ex);
            return StoreAnswer.StoreUnavailable;
        }
    }

    private long WindowTicks(TimeSpan window) => (long)(window.TotalSeconds * _time.TimestampFrequency);

    private static partial class Log
    {
        [LoggerMessage(EventIds.RedisStoreFailed, LogLevel.Debug, "Redis did not answer the policy check")]
        public static partial void StoreFailed(ILogger logger, Exception exception);
    }
}
