using System.Text.Json.Serialization;

namespace DrrsGateway.Admin;

/// <summary>One hold-mode slot as the admin API shows it.</summary>
internal sealed record HoldSlotView(
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("millisecondsUntilNextSlot")] long MillisecondsUntilNextSlot)
{
    // Rounded up: a slot 0.2 ms away still holds a call made now.
    public static HoldSlotView From(HeldSlot slot) =>
        new(slot.Service, (long)Math.Ceiling(slot.UntilNextSlot.TotalMilliseconds));
}
