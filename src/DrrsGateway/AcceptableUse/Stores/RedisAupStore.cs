using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores;

/// <summary>
/// The shared store: one Redis for any number of gateway replicas. A single
/// <c>SET key 1 PX window GET</c> both decides (was there a lock?) and restarts the window, atomically
/// and on the server's clock, so replicas need no clock agreement and no script.
/// </summary>
internal sealed partial class RedisAupStore : IAupStore
{
    private static readonly RedisValue LockValue = 1;

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeyFormat _keys;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisAupStore> _logger;

    public RedisAupStore(IConnectionMultiplexer redis, RedisKeyFormat keys, TimeSpan timeout, TimeProvider time, ILogger<RedisAupStore> logger)
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
    }

    public async ValueTask<AupDecision> RecordRequestAsync(AupKey key, TimeSpan window)
    {
        try
        {
            var previous = await _redis.GetDatabase()
                .StringSetAndGetAsync(_keys.For(key), LockValue, window, keepTtl: false, When.Always)
                .WaitAsync(_timeout, _time)
                .ConfigureAwait(false);
            return previous.IsNull ? AupDecision.Allowed : AupDecision.Rejected;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.StoreFailed(_logger, ex);
            return AupDecision.StoreUnavailable;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(100, LogLevel.Debug, "Redis did not answer the policy check")]
        public static partial void StoreFailed(ILogger logger, Exception exception);
    }
}
