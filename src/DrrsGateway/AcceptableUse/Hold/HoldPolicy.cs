using DrrsGateway.Infrastructure;

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
        new SettingRange(0, 60_000).Check("Aup:Hold:MarginMilliseconds", options.MarginMilliseconds, failures);
        new SettingRange(1, 100).Check("Aup:Hold:MaxQueuedPerKey", options.MaxQueuedPerKey, failures);
        new SettingRange(1, 3600).Check("Aup:Hold:MaxWaitSeconds", options.MaxWaitSeconds, failures);
        new SettingRange(1, 1_000_000).Check("Aup:Hold:MaxHeld", options.MaxHeld, failures);

        var backendRefusals = BackendRefusalRule.Create(options, failures);
        return new(TimeSpan.FromMilliseconds(options.MarginMilliseconds), options.MaxQueuedPerKey, TimeSpan.FromSeconds(options.MaxWaitSeconds), options.MaxHeld, backendRefusals);
    }
}
