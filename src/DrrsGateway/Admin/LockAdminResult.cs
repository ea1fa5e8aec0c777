using System.Text.Json.Serialization;

namespace DrrsGateway.Admin;

/// <summary>What an admin call answers: the user (and service), the locks listed or how many were cleared.</summary>
internal sealed record LockAdminResult(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("service")] string? Service = null,
    [property: JsonPropertyName("locks")] IReadOnlyList<LockView>? Locks = null,
    [property: JsonPropertyName("cleared")] int? Cleared = null);
