using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Keeps every replica's flood shield honest when an admin clears locks: the replica that cleared them
/// publishes on a Redis channel, and every replica (itself included) forgets what it knew of those keys,
/// so the unlocked user gets through at once whichever replica they reach.
/// </summary>
internal sealed partial class KnownLockInvalidation : IHostedService
{
    private readonly RedisConnection _redis;
    private readonly KnownLocks _knownLocks;
    private readonly RedisChannel _channel;
    private readonly ILogger<KnownLockInvalidation> _logger;

    public KnownLockInvalidation(RedisConnection redis, KnownLocks knownLocks, RedisKeyFormat keys, ILogger<KnownLockInvalidation> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(knownLocks);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(logger);
        _redis = redis;
        _knownLocks = knownLocks;
        _channel = keys.ClearedChannel;
        _logger = logger;
    }

    /// <summary>Tells every replica that one lock, or (with no service) all of a user's locks, were cleared.</summary>
    public async Task PublishClearedAsync(string user, string? service)
    {
        Forget(user, service);
        await _redis.GetMultiplexer().GetSubscriber().PublishAsync(_channel, RedisKeyFormat.ClearedNotice(user, service)).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // With Sentinel the multiplexer may come only after start-up, when the primary is found.
        _redis.WhenConnected(redis => _ = SubscribeAsync(redis));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SubscribeAsync(IConnectionMultiplexer redis)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(_channel, (_, message) => OnCleared(message)).ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            // Redis down at start-up: the multiplexer re-subscribes by itself once it connects.
            Log.SubscribeFailed(_logger, ex);
        }
    }

    private void OnCleared(RedisValue message)
    {
        var (user, service) = RedisKeyFormat.ReadClearedNotice(message);
        Forget(user, service);
    }

    private void Forget(string user, string? service)
    {
        if (service is null)
        {
            _knownLocks.ForgetUser(user);
        }
        else
        {
            _knownLocks.Forget(new AupKey(user, service));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.LockInvalidationSubscribeFailed, LogLevel.Warning, "Could not subscribe to lock-clearing notices yet; the flood shield may briefly keep refusing a user an admin just unlocked")]
        public static partial void SubscribeFailed(ILogger logger, Exception exception);
    }
}
