using System.Text.Json.Serialization;

namespace DrrsGateway.Simulator.Callers;

/// <summary>What the simulator did with an operation call; JSON spells it <c>Executed</c> or <c>Refused</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallOutcome>))]
internal enum CallOutcome
{
    /// <summary>Passed the policy and was answered (with data, or with a fault about the request itself).</summary>
    Executed,

    /// <summary>Refused under the Acceptable Use Policy: never ran.</summary>
    Refused,
}
