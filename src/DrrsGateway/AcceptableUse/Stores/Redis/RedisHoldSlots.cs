using DrrsGateway.AcceptableUse.Hold;
using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Hold mode's slots in Redis: one small script per reservation, run atomically on the server's clock
/// (<c>TIME</c>), so replicas need no clock agreement. The key holds when its next slot opens (ms) and
/// expires when that has passed.
/// </summary>
internal sealed partial class RedisHoldSlots(RedisConnection redis, RedisKeyFormat keys, TimeSpan timeout, TimeProvider time, ILogger<RedisHoldSlots> logger) : IHoldSlots
{
    // The arithmetic of HoldSlot.Reserve, on the server: returns {kind, delay ms, start ms}, kind 0 now, 1 later, 2 full.
    private const string ReserveScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local spacing = tonumber(ARGV[1])
        local next = tonumber(redis.call('GET', KEYS[1]) or '0')
        local start = math.max(now, next)
        local delay = start - now
        if delay > 0 and (delay > tonumber(ARGV[2]) or math.ceil(delay / spacing) > tonumber(ARGV[3])) then
          return {2, delay, 0}
        end
        redis.call('SET', KEYS[1], start + spacing, 'PX', start + spacing - now)
        if delay > 0 then return {1, delay, start} end
        return {0, 0, start}
        """;

    // Hands a slot back when it is still the last reservation: the key then opens at the slot's start.
    private const string ReleaseScript = """
        if tonumber(redis.call('GET', KEYS[1]) or '0') ~= tonumber(ARGV[1]) + tonumber(ARGV[2]) then return 0 end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local start = tonumber(ARGV[1])
        if start > now then redis.call('SET', KEYS[1], start, 'PX', start - now) else redis.call('DEL', KEYS[1]) end
        return 1
        """;

    public async ValueTask<HoldSlot> ReserveAsync(AupKey key, TimeSpan spacing, TimeSpan maxWait, int maxQueued)
    {
        if (redis.Database is not { } database)
        {
            return HoldSlot.Unavailable;
        }

        try
        {
            var result = (RedisValue[])(await database
                .ScriptEvaluateAsync(ReserveScript, [keys.HoldKeyFor(key)], [(long)spacing.TotalMilliseconds, (long)maxWait.TotalMilliseconds, maxQueued])
                .WaitAsync(timeout, time)
                .ConfigureAwait(false))!;
            var kind = (int)result[0] switch
            {
                0 => HoldSlotKind.Now,
                1 => HoldSlotKind.Later,
                _ => HoldSlotKind.Full,
            };
            return new(kind, TimeSpan.FromMilliseconds((long)result[1]), (long)result[2]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.HoldFailed(logger, ex);
            return HoldSlot.Unavailable;
        }
    }

    public async ValueTask ReleaseAsync(AupKey key, HoldSlot slot, TimeSpan spacing)
    {
        if (redis.Database is not { } database)
        {
            return;
        }

        try
        {
            await database
                .ScriptEvaluateAsync(ReleaseScript, [keys.HoldKeyFor(key)], [slot.Start, (long)spacing.TotalMilliseconds])
                .WaitAsync(timeout, time)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The slot stays reserved: the next call waits a little longer than it had to, never less.
            Log.HoldFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.RedisHoldFailed, LogLevel.Debug, "Redis did not answer a hold-mode slot request")]
        public static partial void HoldFailed(ILogger logger, Exception exception);
    }
}
