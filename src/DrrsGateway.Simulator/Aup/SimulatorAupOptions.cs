using System.ComponentModel.DataAnnotations;

namespace DrrsGateway.Simulator.Aup;

/// <summary>
/// The simulator's own enforcement of CAISO's Acceptable Use Policy (section <c>Simulator:Aup</c>), as real DRRS
/// enforces it behind any gateway: one call per (user, operation) per window, every call inside it restarting it.
/// </summary>
internal sealed class SimulatorAupOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Simulator:Aup";

    /// <summary>True to refuse calls inside the window. The default is <c>false</c>: every call is answered.</summary>
    public bool Enabled { get; set; }

    /// <summary>The window in whole seconds, also the number the message states. The default is 30, CAISO's.</summary>
    [Range(1, 86_400, ErrorMessage = "Simulator:Aup:WindowSeconds must be a whole number of seconds from 1 to 86400.")]
    public int WindowSeconds { get; set; } = 30;

    /// <summary>
    /// The header naming the user of a call that came without a client certificate. The default is
    /// <c>X-Drrs-User</c>, the header the gateway believes from a trusted hop.
    /// </summary>
    [Required(ErrorMessage = "Simulator:Aup:UserHeader must name a header.")]
    [RegularExpression("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", ErrorMessage = "Simulator:Aup:UserHeader must be a valid HTTP header name.")]
    public string UserHeader { get; set; } = "X-Drrs-User";

    /// <summary>The window as a time span.</summary>
    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
