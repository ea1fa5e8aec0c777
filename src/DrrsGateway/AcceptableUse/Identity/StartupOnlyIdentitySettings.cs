namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>
/// The identity settings read once, when the gateway starts: the client-certificate mode shapes Kestrel's TLS
/// endpoints, and the forwarded-certificate header is what the forwarding middleware was built to read. A live
/// edit of either changes nothing until a restart, so it is said (event 133) rather than silently ignored.
/// </summary>
internal static class StartupOnlyIdentitySettings
{
    /// <summary>The names of the start-up-only identity settings that differ between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static IEnumerable<string> Changed(AupClientCertificateOptions before, AupClientCertificateOptions after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Mode != after.Mode)
        {
            yield return "Aup:Identity:ClientCertificate:Mode";
        }

        // Header names compare case-insensitively: "x-client-cert" is the same header.
        if (!string.Equals(before.ForwardedHeader ?? "", after.ForwardedHeader ?? "", StringComparison.OrdinalIgnoreCase))
        {
            yield return "Aup:Identity:ClientCertificate:ForwardedHeader";
        }
    }
}
