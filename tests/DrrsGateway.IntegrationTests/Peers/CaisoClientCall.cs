using System.Text.Json;
using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// One call the wsimport-generated CAISO client (tests/peers/java/caiso) made: the answer, or the typed fault it
/// caught (its class, the name of its <c>@WebFault</c>, its message and what <c>getFaultInfo()</c>'s Event says),
/// or any other error; and the simulator's number for the call, absent when the gateway answered it itself.
/// </summary>
internal sealed record CaisoClientCall(
    string AccessPoint,
    string? Answer,
    string? Fault,
    string? WebFault,
    string? Message,
    string? Description,
    string? Id,
    string? Result,
    string? SimulatorRequest,
    string? Error)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The calls of a finished client run, one JSON object per line of its output.</summary>
    public static IReadOnlyList<CaisoClientCall> Parse(CommandResult result) =>
        [.. result.EnsureSuccess().Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonSerializer.Deserialize<CaisoClientCall>(line, Json)
                ?? throw new InvalidOperationException($"{result.Command} printed a line that is no call: {line}"))];
}
