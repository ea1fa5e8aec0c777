using System.Text.Json.Serialization;

namespace DrrsGateway.Admin;

/// <summary>
/// What an admin call answers: the user (and service), the locks and hold-mode slots listed, or how many of
/// each were cleared.
/// </summary>
internal sealed record LockAdminResult(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("service")] string? Service = null,
    [property: JsonPropertyName("locks")] IReadOnlyList<LockView>? Locks = null,
    [property: JsonPropertyName("cleared")] int? Cleared = null,
    [property: JsonPropertyName("holdSlots")] IReadOnlyList<HoldSlotView>? HoldSlots = null,
    [property: JsonPropertyName("holdSlotsCleared")] int? HoldSlotsCleared = null);
