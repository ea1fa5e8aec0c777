using DrrsGateway.Simulator.Aup;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.Simulator.Tests;

public sealed class AupWindowsTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly AupWindows _windows;

    public AupWindowsTests() => _windows = new AupWindows(_clock, Options.Create(new SimulatorAupOptions { Enabled = true }));

    [Fact]
    public void TryPass_WorkedTimeline_DecidesAsDrrsMd()
    {
        var s = AupKey.Of("U", "S_v1");
        var t = AupKey.Of("U", "T_v1");

        Assert.True(_windows.TryPass(s));
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(_windows.TryPass(s));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(_windows.TryPass(t));
        _clock.Advance(TimeSpan.FromSeconds(23));
        Assert.False(_windows.TryPass(s));
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(_windows.TryPass(s));
    }

    [Fact]
    public void TryPass_OperationInAnotherCase_IsTheSameKey()
    {
        Assert.True(_windows.TryPass(AupKey.Of("U", "retrieveDRLocations_v1")));

        Assert.False(_windows.TryPass(AupKey.Of("U", "RetrieveDRLocations_V1")));
        Assert.True(_windows.TryPass(AupKey.Of("u", "retrieveDRLocations_v1")));
    }

    [Fact]
    public void TryPass_AfterTheWindow_SweepsExpiredKeys()
    {
        for (var i = 0; i < 100; i++)
        {
            _windows.TryPass(AupKey.Of($"user{i}", "S_v1"));
        }

        _clock.Advance(TimeSpan.FromSeconds(31));
        _windows.TryPass(AupKey.Of("last", "S_v1"));

        Assert.Equal(1, _windows.Count);
    }

    [Fact]
    public void TryPass_SimultaneousCallsOfOneKey_ExactlyOnePasses()
    {
        const int Callers = 16;
        var key = AupKey.Of("U", "S_v1");
        var passed = new bool[Callers];
        using var start = new Barrier(Callers);

        // Dedicated threads: the thread pool would add threads for a barrier only slowly.
        var threads = Enumerable.Range(0, Callers).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            passed[i] = _windows.TryPass(key);
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.Single(passed, p => p);
    }
}
