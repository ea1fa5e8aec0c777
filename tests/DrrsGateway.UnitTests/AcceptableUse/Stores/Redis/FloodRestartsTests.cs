using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Stores.Redis;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.AcceptableUse.Stores.Redis;

public sealed class FloodRestartsTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private static readonly AupKey Key = new("U", "s");

    private readonly FakeTimeProvider _time = new();
    private readonly List<(AupKey Key, TimeSpan LockFor, TimeSpan At)> _sent = [];
    private readonly HashSet<AupKey> _forgotten = [];
    private readonly FloodRestarts _restarts;
    private readonly long _start;

    public FloodRestartsTests()
    {
        _start = _time.GetTimestamp();
        _restarts = new FloodRestarts(
            _time,
            (key, lockFor) => _sent.Add((key, lockFor, _time.GetElapsedTime(_start))),
            (key, _) => !_forgotten.Contains(key));
    }

    [Fact]
    public void Restart_FirstRefusal_IsSentAtOnceWithAWholeWindow()
    {
        Refuse(Key);

        Assert.Equal((Key, Window, TimeSpan.Zero), Assert.Single(_sent));
    }

    [Fact]
    public void Restart_RefusalsWithinTheInterval_FoldIntoOneSendThatEndsAWindowAfterTheLatest()
    {
        Refuse(Key);
        Advance(10);
        Refuse(Key);
        Advance(40);
        Refuse(Key);
        Assert.Single(_sent);

        Advance(50);

        // The latest refusal was at 50 ms; sent at 100 ms, the lock must last 30 s less 50 ms, ending at 30.05 s.
        Assert.Equal(2, _sent.Count);
        var (key, lockFor, at) = _sent[1];
        Assert.Equal(Key, key);
        Assert.Equal(TimeSpan.FromMilliseconds(100), at);
        Assert.Equal(Window - TimeSpan.FromMilliseconds(50), lockFor);
        Assert.Equal(TimeSpan.FromMilliseconds(50) + Window, at + lockFor);
    }

    [Fact]
    public void Restart_SteadyFlood_SendsAboutOncePerIntervalAndEndsExactlyAWindowAfterTheLastRefusal()
    {
        // A refusal every millisecond for a second.
        for (var ms = 0; ms < 1000; ms++)
        {
            Refuse(Key);
            Advance(1);
        }

        Advance(200);

        Assert.InRange(_sent.Count, 10, 12);
        var (_, lockFor, at) = _sent[^1];
        Assert.Equal(TimeSpan.FromMilliseconds(999) + Window, at + lockFor);
        Assert.All(_sent.Zip(_sent.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= FloodRestarts.Interval));
    }

    [Fact]
    public void Restart_AfterAQuietInterval_IsSentAtOnceAndTheKeyIsForgottenMeanwhile()
    {
        Refuse(Key);
        Advance(100);
        Assert.Equal(0, _restarts.Count);

        Advance(500);
        Refuse(Key);

        Assert.Equal(2, _sent.Count);
        Assert.Equal((Key, Window, TimeSpan.FromMilliseconds(600)), _sent[1]);
    }

    [Fact]
    public void Restart_KeysAreIndependent()
    {
        var other = new AupKey("U", "t");
        Refuse(Key);
        Refuse(other);
        Advance(10);
        Refuse(other);
        Advance(90);

        Assert.Equal([Key, other, other], _sent.Select(sent => sent.Key));
    }

    [Fact]
    public void Restart_LockClearedByAnAdminBeforeTheSend_IsNotSetAgain()
    {
        Refuse(Key);
        Advance(20);
        Refuse(Key);
        _forgotten.Add(Key);

        Advance(80);

        Assert.Single(_sent);
    }

    [Fact]
    public void Restart_RefusalOlderThanOneAlreadySent_ChangesNothing()
    {
        // A thread that read the clock before another's refusal was sent, and reached the table after it.
        var late = _time.GetTimestamp();
        Advance(5);
        Refuse(Key);
        _restarts.Restart(Key, Window, late);
        Advance(200);

        Assert.Equal((Key, Window, TimeSpan.FromMilliseconds(5)), Assert.Single(_sent));
    }

    [Fact]
    public async Task Restart_ManyThreadsFloodingManyKeys_EveryKeyEndsAWindowAfterItsLastRefusal()
    {
        var keys = Enumerable.Range(0, 50).Select(i => new AupKey($"user{i}", "s")).ToArray();
        var restarts = new List<(AupKey Key, TimeSpan LockFor, long SentAt)>();
        var lastRefusal = new long[keys.Length];
        var clock = TimeProvider.System;
        var shared = new FloodRestarts(clock, (key, lockFor) => { lock (restarts) { restarts.Add((key, lockFor, clock.GetTimestamp())); } }, (_, _) => true);

        // One end for every thread: the pool may start some of them late.
        var until = clock.GetTimestamp() + clock.TimestampFrequency / 2;
        var flooders = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (clock.GetTimestamp() < until)
            {
                for (var i = 0; i < keys.Length; i++)
                {
                    var now = clock.GetTimestamp();
                    shared.Restart(keys[i], Window, now);
                    InterlockedMax(ref lastRefusal[i], now);
                }
            }
        })).ToArray();
        await Task.WhenAll(flooders);

        // Every key's last interval ends, its restart is sent and the key forgotten (timers run late on a busy machine).
        var draining = System.Diagnostics.Stopwatch.StartNew();
        while (shared.Count > 0 && draining.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(FloodRestarts.Interval);
        }

        for (var i = 0; i < keys.Length; i++)
        {
            var last = restarts.Where(sent => sent.Key == keys[i]).MaxBy(sent => sent.SentAt);
            var endsAfterLastRefusal = clock.GetElapsedTime(lastRefusal[i], last.SentAt) + last.LockFor - Window;

            // Never early. Late by Redis's millisecond rounding, and by however long a flooding thread was
            // descheduled between reading the clock and sending (on a busy machine, more than the rounding).
            Assert.InRange(endsAfterLastRefusal, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        }

        // Half a second of flood: a send at once and one per interval after, per key (timers may run late, never early).
        Assert.InRange(restarts.Count, keys.Length, keys.Length * 8);
        Assert.Equal(0, shared.Count);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void Refuse(AupKey key) => _restarts.Restart(key, Window, _time.GetTimestamp());

    private void Advance(int milliseconds) => _time.Advance(TimeSpan.FromMilliseconds(milliseconds));
}
