using System.Text.Json;
using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// What a client script printed: whether its stack could build a client from the gateway's ?wsdl, the
/// documents it loaded (zeep only), and its calls in order.
/// </summary>
internal sealed record PeerClientReport(bool Built, string? Error, IReadOnlyList<string>? Loaded, IReadOnlyList<PeerClientCall> Calls)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The JSON the script printed, kept for failure messages.</summary>
    public string Transcript { get; private init; } = string.Empty;

    public static PeerClientReport Parse(CommandResult result)
    {
        result.EnsureSuccess();
        var report = JsonSerializer.Deserialize<PeerClientReport>(result.Output, Json)
            ?? throw new InvalidOperationException($"{result.Command} printed no report: {result.Output} {result.Error}");
        return report with { Transcript = result.Output.Trim() };
    }
}
