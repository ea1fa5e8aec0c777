namespace DrrsGateway.Admin;

/// <summary>The admin API (inspect and clear policy locks), bound from the <c>Admin</c> section.</summary>
public sealed class AdminOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Admin";

    /// <summary>The shortest <see cref="ApiKey"/> accepted at start-up.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>
    /// The key callers present in the <c>X-Api-Key</c> header: at least <see cref="MinimumKeyLength"/>
    /// visible ASCII characters (for example <c>openssl rand -hex 32</c>). The default is none: the admin
    /// API is off and its paths answer 404.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Whether the admin API is on.</summary>
    internal bool Enabled => !string.IsNullOrEmpty(ApiKey);
}
