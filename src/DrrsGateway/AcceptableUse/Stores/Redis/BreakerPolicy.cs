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
        if (options.FailureThreshold is < 1 or > 1000)
        {
            failures.Add($"Aup:Breaker:FailureThreshold must be from 1 to 1000; it is {options.FailureThreshold}.");
        }

        if (options.BreakMilliseconds is < 10 or > 600_000)
        {
            failures.Add($"Aup:Breaker:BreakMilliseconds must be from 10 to 600000; it is {options.BreakMilliseconds}.");
        }

        if (options.SummaryIntervalSeconds is < 1 or > 86_400)
        {
            failures.Add($"Aup:Breaker:SummaryIntervalSeconds must be from 1 to 86400; it is {options.SummaryIntervalSeconds}.");
        }

        return new(options.FailureThreshold, options.BreakMilliseconds, options.SummaryIntervalSeconds);
    }
}
