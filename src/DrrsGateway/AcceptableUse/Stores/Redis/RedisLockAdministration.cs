using DrrsGateway.Admin;
using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Administers the locks and hold mode's slots in Redis. A user's keys are found with <c>SCAN</c> (never
/// <c>KEYS</c>, which blocks Redis) on the primary that owns the user's hash slot, and timed with <c>PTTL</c>.
/// Clearing locks also tells every replica's flood shield to forget them.
/// </summary>
internal sealed class RedisLockAdministration : ILockAdministration
{
    private const int ScanPageSize = 500;
    private const int DeleteBatchSize = 100;

    // A whole admin call, every SCAN page included: admin calls are rare and the keyspace may be large,
    // but a caller must still get an answer when Redis is gone.
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(10);

    private readonly RedisConnection _redis;
    private readonly RedisKeyFormat _keys;
    private readonly KnownLockInvalidation _invalidation;

    public RedisLockAdministration(RedisConnection redis, RedisKeyFormat keys, KnownLockInvalidation invalidation)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(invalidation);
        _redis = redis;
        _keys = keys;
        _invalidation = invalidation;
    }

    public Task<IReadOnlyList<ActiveLock>> ListAsync(string user, CancellationToken cancellationToken) =>
        ListAsync(user, _keys.PatternForUser(user), _keys.ServiceOf, static (service, left) => new ActiveLock(service, left), cancellationToken);

    // A slot key expires exactly when its next slot opens, so its PTTL is the time until then.
    public Task<IReadOnlyList<HeldSlot>> ListHoldSlotsAsync(string user, CancellationToken cancellationToken) =>
        ListAsync(user, _keys.HoldPatternForUser(user), _keys.HoldServiceOf, static (service, left) => new HeldSlot(service, left), cancellationToken);

    public Task<bool> ClearAsync(AupKey key, CancellationToken cancellationToken) =>
        RunAsync(async (database, _) =>
        {
            var cleared = await database.KeyDeleteAsync(_keys.For(key)).ConfigureAwait(false);

            // Every replica's flood shield may still remember the lock and refuse without asking Redis.
            await _invalidation.PublishClearedAsync(key.User, key.Service).ConfigureAwait(false);
            return cleared;
        }, cancellationToken);

    public Task<int> ClearAllAsync(string user, CancellationToken cancellationToken) =>
        RunAsync(async (database, token) =>
        {
            var cleared = await DeleteAllAsync(database, user, _keys.PatternForUser(user), _keys.ServiceOf, token).ConfigureAwait(false);
            await _invalidation.PublishClearedAsync(user, null).ConfigureAwait(false);
            return cleared;
        }, cancellationToken);

    // Slots live only in Redis, so every replica sees them gone: no notice needed.
    public Task<bool> ClearHoldSlotAsync(AupKey key, CancellationToken cancellationToken) =>
        RunAsync((database, _) => database.KeyDeleteAsync(_keys.HoldKeyFor(key)), cancellationToken);

    public Task<int> ClearHoldSlotsAsync(string user, CancellationToken cancellationToken) =>
        RunAsync((database, token) => DeleteAllAsync(database, user, _keys.HoldPatternForUser(user), _keys.HoldServiceOf, token), cancellationToken);

    private Task<IReadOnlyList<T>> ListAsync<T>(string user, RedisValue pattern, Func<RedisKey, string, string?> serviceOf, Func<string, TimeSpan, T> entry, CancellationToken cancellationToken)
        where T : struct =>
        RunAsync(async (database, token) =>
        {
            var found = await FindAsync(database, user, pattern, serviceOf, token).ConfigureAwait(false);
            var remaining = await Task.WhenAll(found.Select(key => database.KeyTimeToLiveAsync(key.Key))).ConfigureAwait(false);

            // A key that expired between SCAN and PTTL has no time left: it is no longer listed.
            IReadOnlyList<T> entries = [.. found
                .Zip(remaining, (key, ttl) => ttl is { } left ? (Service: key.Service, Left: left) : ((string Service, TimeSpan Left)?)null)
                .OfType<(string Service, TimeSpan Left)>()
                .OrderBy(key => key.Service, StringComparer.Ordinal)
                .Select(key => entry(key.Service, key.Left))];
            return entries;
        }, cancellationToken);

    private async Task<int> DeleteAllAsync(IDatabase database, string user, RedisValue pattern, Func<RedisKey, string, string?> serviceOf, CancellationToken cancellationToken)
    {
        var found = await FindAsync(database, user, pattern, serviceOf, cancellationToken).ConfigureAwait(false);
        long cleared = 0;

        // One slot holds them all, so multi-key DEL works in Redis Cluster too.
        foreach (var batch in found.Select(entry => entry.Key).Chunk(DeleteBatchSize))
        {
            cleared += await database.KeyDeleteAsync(batch).ConfigureAwait(false);
        }

        return (int)cleared;
    }

    private async Task<List<(RedisKey Key, string Service)>> FindAsync(IDatabase database, string user, RedisValue pattern, Func<RedisKey, string, string?> serviceOf, CancellationToken cancellationToken)
    {
        // Every key of the user carries the hash tag {user}, so the primary owning one of them owns all:
        // in Redis Cluster only that node is scanned, and replicas never are.
        var owner = await database.IdentifyEndpointAsync(_keys.For(new AupKey(user, "")), CommandFlags.DemandMaster).ConfigureAwait(false)
            ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No Redis primary owns the user's keys.");
        var server = database.Multiplexer.GetServer(owner);

        var found = new List<(RedisKey, string)>();

        // KeysAsync pages with SCAN on every Redis since 2.8 (the policy's SET ... GET needs 6.2).
        await foreach (var key in server.KeysAsync(database.Database, pattern, ScanPageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (serviceOf(key, user) is { } service)
            {
                found.Add((key, service));
            }
        }

        return found;
    }

    private async Task<T> RunAsync<T>(Func<IDatabase, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(OperationTimeout);
        try
        {
            return await operation(_redis.GetMultiplexer().GetDatabase(), deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new LockStoreUnavailableException("Redis did not answer the admin request in time.", ex);
        }
    }
}
