using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Decisions;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.AcceptableUse.Decisions;

public sealed class RefusalLogThrottleTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private static readonly AupKey Key = new("u", "s");

    private readonly FakeTimeProvider _time = new();
    private readonly RefusalLogThrottle _throttle;

    public RefusalLogThrottleTests() => _throttle = new RefusalLogThrottle(_time);

    public void Dispose() => _throttle.Dispose();

    [Fact]
    public void ShouldLog_FloodWithinWindow_LogsOnlyTheFirst()
    {
        Assert.True(_throttle.ShouldLog(Key, Window, out var first));
        Assert.Equal(0, first);
        for (var i = 0; i < 100; i++)
        {
            Assert.False(_throttle.ShouldLog(Key, Window, out _));
        }
    }

    [Fact]
    public void ShouldLog_NextWindow_LogsAgainWithTheSuppressedCount()
    {
        _throttle.ShouldLog(Key, Window, out _);
        for (var i = 0; i < 9; i++)
        {
            _throttle.ShouldLog(Key, Window, out _);
        }

        _time.Advance(Window);

        Assert.True(_throttle.ShouldLog(Key, Window, out var suppressed));
        Assert.Equal(9, suppressed);
    }

    [Fact]
    public void ShouldLog_OtherKey_IsLoggedIndependently()
    {
        _throttle.ShouldLog(Key, Window, out _);

        Assert.True(_throttle.ShouldLog(new AupKey("v", "s"), Window, out _));
    }

    [Fact]
    public void SweepExpired_QuietKeysWithNothingSuppressed_AreReclaimed()
    {
        _throttle.ShouldLog(Key, Window, out _);
        _throttle.ShouldLog(new AupKey("v", "s"), Window, out _);
        _throttle.ShouldLog(new AupKey("v", "s"), Window, out _);
        _time.Advance(Window);

        _throttle.SweepExpired();

        Assert.Equal(1, _throttle.Count);
    }
}
