using System.Security.Cryptography.X509Certificates;

namespace DrrsGateway.Simulator.Callers;

/// <summary>Who made a call: the user the policy keys on, and the client certificate it came with, if any.</summary>
/// <param name="User">The certificate's subject CN, else the user header's value, else empty (the anonymous user).</param>
/// <param name="CertificateSubject">The client certificate's subject; <c>null</c> without mutual TLS.</param>
/// <param name="CertificateThumbprint">The client certificate's SHA-1 thumbprint, hex; <c>null</c> without mutual TLS.</param>
internal sealed record Caller(string User, string? CertificateSubject, string? CertificateThumbprint)
{
    /// <summary>
    /// The caller of <paramref name="context"/>. A client certificate wins over the header: over mutual TLS
    /// Kestrel has already checked it against the configured CA, so it is who CAISO would see; the header is
    /// for plain HTTP behind a gateway, which sets it.
    /// </summary>
    public static Caller Of(HttpContext context, string userHeader)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Connection.ClientCertificate is { } certificate)
        {
            return new Caller(
                certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
                certificate.Subject,
                certificate.Thumbprint);
        }

        return new Caller(context.Request.Headers[userHeader].ToString(), null, null);
    }
}
