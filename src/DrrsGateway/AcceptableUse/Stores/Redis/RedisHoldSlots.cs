using DrrsGateway.AcceptableUse.Hold;
using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Hold mode's slots in Redis: one small script per step, run atomically on the server's clock
/// (<c>TIME</c>), so replicas need no clock agreement. Each key expires once its next slot has passed.
/// </summary>
internal sealed partial class RedisHoldSlots(RedisConnection redis, RedisKeyFormat keys, TimeSpan timeout, TimeProvider time, ILogger<RedisHoldSlots> logger) : IHoldSlots
{
    // The key is a hash: n, when the key's next slot opens; a, when a call of it was last answered (ms, server clock).
    private const string Clock = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        """;

    // The arithmetic of HoldSlot.Reserve, on the server: returns {kind, delay ms, start ms}, kind 0 now, 1 later, 2 full.
    private const string ReserveScript = Clock + """
        local spacing = tonumber(ARGV[1])
        local next = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
        local start = math.max(now, next)
        local delay = start - now
        if delay > 0 and (delay > tonumber(ARGV[2]) or math.ceil(delay / spacing) > tonumber(ARGV[3])) then
          return {2, delay, 0}
        end
        redis.call('HSET', KEYS[1], 'n', start + spacing)
        redis.call('PEXPIRE', KEYS[1], start + spacing - now)
        if delay > 0 then return {1, delay, start} end
        return {0, 0, start}
        """;

    private const string ForwardedScript = Clock + """
        local next = math.max(tonumber(redis.call('HGET', KEYS[1], 'n') or '0'), now + tonumber(ARGV[1]))
        redis.call('HSET', KEYS[1], 'n', next, 'a', now)
        redis.call('PEXPIRE', KEYS[1], next - now)
        return 1
        """;

    private const string RemainingScript = Clock + """
        local answered = redis.call('HGET', KEYS[1], 'a')
        if not answered then return 0 end
        return math.max(0, tonumber(answered) + tonumber(ARGV[1]) - now)
        """;

    // Hands a slot back when it is still the last reservation: the key then opens at the slot's start.
    private const string ReleaseScript = Clock + """
        if tonumber(redis.call('HGET', KEYS[1], 'n') or '0') ~= tonumber(ARGV[1]) + tonumber(ARGV[2]) then return 0 end
        local start = tonumber(ARGV[1])
        if start > now then
          redis.call('HSET', KEYS[1], 'n', start)
          redis.call('PEXPIRE', KEYS[1], start - now)
        else
          redis.call('DEL', KEYS[1])
        end
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

    public async ValueTask ForwardedAsync(AupKey key, TimeSpan spacing) =>
        await RunAsync(ForwardedScript, key, [(long)spacing.TotalMilliseconds]).ConfigureAwait(false);

    public async ValueTask<TimeSpan> RemainingAsync(AupKey key, TimeSpan spacing) =>
        TimeSpan.FromMilliseconds((long)(await RunAsync(RemainingScript, key, [(long)spacing.TotalMilliseconds]).ConfigureAwait(false)));

    // A failed hand-back leaves the slot reserved: the next call waits a little longer than it had to, never less.
    public async ValueTask ReleaseAsync(AupKey key, HoldSlot slot, TimeSpan spacing) =>
        await RunAsync(ReleaseScript, key, [slot.Start, (long)spacing.TotalMilliseconds]).ConfigureAwait(false);

    private async Task<RedisValue> RunAsync(string script, AupKey key, RedisValue[] arguments)
    {
        if (redis.Database is not { } database)
        {
            return 0;
        }

        try
        {
            return (RedisValue)(await database
                .ScriptEvaluateAsync(script, [keys.HoldKeyFor(key)], arguments)
                .WaitAsync(timeout, time)
                .ConfigureAwait(false))!;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.HoldFailed(logger, ex);
            return 0;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.RedisHoldFailed, LogLevel.Debug, "Redis did not answer a hold-mode slot request")]
        public static partial void HoldFailed(ILogger logger, Exception exception);
    }
}
