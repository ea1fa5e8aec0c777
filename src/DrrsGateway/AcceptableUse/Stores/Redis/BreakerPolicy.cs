using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>The circuit breaker's settings, checked once from <see cref="AupBreakerOptions"/>.</summary>
internal sealed record BreakerPolicy(int FailureThreshold, int BreakMilliseconds, int SummaryIntervalSeconds)
{
    /// <summary>The shipped settings.</summary>
    public static BreakerPolicy Default { get; } = Create(new AupBreakerOptions(), []);

    /// <summary>The breaker's pause as a whole number of seconds, at least one: when a refused caller may retry.</summary>
    public int BreakSeconds => Math.Max(1, (int)Math.Ceiling(BreakMilliseconds / 1000.0));

    /// <summary>Copies <paramref name="options"/>, adding a message naming the setting to <paramref name="failures"/> for each bad value.</summary>
    public static BreakerPolicy Create(AupBreakerOptions options, List<string> failures)
    {
        new SettingRange(1, 1000).Check("Aup:Breaker:FailureThreshold", options.FailureThreshold, failures);
        new SettingRange(10, 600_000).Check("Aup:Breaker:BreakMilliseconds", options.BreakMilliseconds, failures);
        new SettingRange(1, 86_400).Check("Aup:Breaker:SummaryIntervalSeconds", options.SummaryIntervalSeconds, failures);

        return new(options.FailureThreshold, options.BreakMilliseconds, options.SummaryIntervalSeconds);
    }
}
