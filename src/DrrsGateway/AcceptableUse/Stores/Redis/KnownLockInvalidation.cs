using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Keeps every replica's flood shield honest when an admin clears locks: the replica that cleared them
/// publishes on a Redis channel, and every replica (itself included) forgets what it knew of those keys,
/// so the unlocked user gets through at once whichever replica they reach.
/// </summary>
internal sealed partial class KnownLockInvalidation : IHostedService, IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan QuietRetries = TimeSpan.FromSeconds(3);

    private readonly RedisConnection _redis;
    private readonly KnownLocks _knownLocks;
    private readonly RedisChannel _channel;
    private readonly ILogger<KnownLockInvalidation> _logger;
    private readonly CancellationTokenSource _stopping = new();

    // A host may stop a service it has already disposed (a test host torn down early).
    private volatile bool _disposed;

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

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_disposed)
        {
            _stopping.Cancel();
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    // The multiplexer reports itself connected once its interactive link is up; its subscription link may
    // follow a moment later, and a SUBSCRIBE sent in between fails. So retry quietly for a short while, warn
    // once if Redis still refuses, and keep retrying until the subscription holds or the gateway stops.
    private async Task SubscribeAsync(IConnectionMultiplexer redis)
    {
        var delay = FirstRetryDelay;
        var waited = TimeSpan.Zero;
        var warned = false;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(_channel, (_, message) => OnCleared(message)).ConfigureAwait(false);
                return;
            }
            catch (RedisException ex)
            {
                if (!warned && waited >= QuietRetries)
                {
                    warned = true;
                    Log.SubscribeFailed(_logger, ex);
                }
            }

            try
            {
                await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                // The gateway is stopping.
                return;
            }

            waited += delay;
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
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
