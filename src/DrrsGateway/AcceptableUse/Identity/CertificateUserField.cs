namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>Which part of a client certificate names the user (<c>Aup:Identity:CertificateUser</c>).</summary>
public enum CertificateUserField
{
    /// <summary>The subject's single common name (CN). The default.</summary>
    CommonName,

    /// <summary>The SHA-1 thumbprint in upper-case hex, as Windows and .NET show it.</summary>
    Thumbprint,

    /// <summary>The whole subject distinguished name as .NET formats it, e.g. <c>CN=alice, O=Acme, C=US</c>.</summary>
    Subject,
}
