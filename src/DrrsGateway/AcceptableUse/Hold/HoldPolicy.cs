namespace DrrsGateway.AcceptableUse.Hold;

/// <summary>Hold mode's settings, checked once per settings change from <see cref="AupHoldOptions"/>.</summary>
internal sealed record HoldPolicy(TimeSpan Margin, int MaxQueuedPerKey, TimeSpan MaxWait, int MaxHeld, BackendRefusalRule BackendRefusals)
{
    /// <summary>The shipped settings.</summary>
    public static HoldPolicy Default { get; } = Create(new AupHoldOptions(), []);

    /// <summary>How far apart forwarded calls of one key are kept on a route with <paramref name="window"/>.</summary>
    public TimeSpan SpacingFor(TimeSpan window) => window + Margin;

    /// <summary>Copies <paramref name="options"/>, adding a message naming the setting to <paramref name="failures"/> for each bad value.</summary>
    public static HoldPolicy Create(AupHoldOptions options, List<string> failures)
    {
        if (options.MarginMilliseconds is < 0 or > 60_000)
        {
            failures.Add($"Aup:Hold:MarginMilliseconds must be from 0 to 60000; it is {options.MarginMilliseconds}.");
        }

        if (options.MaxQueuedPerKey is < 1 or > 100)
        {
            failures.Add($"Aup:Hold:MaxQueuedPerKey must be from 1 to 100; it is {options.MaxQueuedPerKey}.");
        }

        if (options.MaxWaitSeconds is < 1 or > 3600)
        {
            failures.Add($"Aup:Hold:MaxWaitSeconds must be from 1 to 3600; it is {options.MaxWaitSeconds}.");
        }

        if (options.MaxHeld is < 1 or > 1_000_000)
        {
            failures.Add($"Aup:Hold:MaxHeld must be from 1 to 1000000; it is {options.MaxHeld}.");
        }

        var backendRefusals = BackendRefusalRule.Create(options, failures);
        return new(TimeSpan.FromMilliseconds(options.MarginMilliseconds), options.MaxQueuedPerKey, TimeSpan.FromSeconds(options.MaxWaitSeconds), options.MaxHeld, backendRefusals);
    }
}
