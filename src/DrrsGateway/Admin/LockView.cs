using System.Text.Json.Serialization;

namespace DrrsGateway.Admin;

/// <summary>One lock as the admin API shows it.</summary>
internal sealed record LockView(
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("secondsRemaining")] int SecondsRemaining)
{
    // Rounded up, like Retry-After: a lock with 0.2 s left still refuses a call made now.
    public static LockView From(ActiveLock active) =>
        new(active.Service, (int)Math.Ceiling(active.Remaining.TotalSeconds));
}
