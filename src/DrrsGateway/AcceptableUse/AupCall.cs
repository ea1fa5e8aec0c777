using DrrsGateway.AcceptableUse.Routes;
using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.AcceptableUse;

/// <summary>
/// What the policy reads from a request before asking who sent it: how its route applies the policy and
/// what its SOAP headers say. Read once per request, from headers and route metadata only.
/// </summary>
internal readonly record struct AupCall(AupRouteSettings Route, SoapRequest Soap)
{
    public int WindowSeconds => Route.WindowSeconds;

    public TimeSpan Window => Route.Window;

    /// <summary>False on a route in shadow mode: refusals are only logged there.</summary>
    public bool IsEnforced => Route.Mode is AupMode.Enforce or AupMode.Hold;

    /// <summary>True on a route in hold mode: a call inside the window waits for its slot.</summary>
    public bool IsHeld => Route.Mode == AupMode.Hold;
}
