using System.Text.Json.Serialization;

namespace DrrsGateway.Admin;

/// <summary>Source-generated serializer for the admin API's answers.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LockAdminResult))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
