using System.Globalization;

namespace DrrsGateway.Simulator.Aup;

/// <summary>The one home of CAISO's refusal text in the simulator.</summary>
internal static class AupMessage
{
    /// <summary>CAISO's message for a window of <paramref name="windowSeconds"/> (30 under the policy).</summary>
    public static string For(int windowSeconds) => string.Create(
        CultureInfo.InvariantCulture,
        $"CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in {windowSeconds} seconds from now. Note: Time resets each time you request before expiration.");
}
