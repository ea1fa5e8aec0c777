using System.Text.Json.Serialization;

namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>RFC 9457 problem details for a request the gateway answered itself.</summary>
internal sealed record RefusalProblem(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("traceId")] string TraceId);

/// <summary>Source-generated serializer, so refusals need no reflection.</summary>
[JsonSerializable(typeof(RefusalProblem))]
internal sealed partial class RefusalJsonContext : JsonSerializerContext;
