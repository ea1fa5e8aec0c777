using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>
/// Turns the certificate header of a TLS-terminating proxy into a certificate: PEM (nginx
/// <c>$ssl_client_escaped_cert</c> sends it URL-encoded) or base64 DER (IIS/ARR, Azure, ASP.NET's default).
/// </summary>
internal static class ForwardedCertificateParser
{
    // A client certificate with a long chain is a few KiB; anything far larger is not one.
    internal const int MaxLength = 32 * 1024;

    /// <summary>The certificate in <paramref name="headerValue"/>, or null when it holds none, or several.</summary>
    public static X509Certificate2? Parse(string? headerValue)
    {
        var value = headerValue.AsSpan().Trim();

        // Commas mean the header came more than once (two hops disagreeing): refuse to pick one.
        if (value.IsEmpty || value.Length > MaxLength || value.Contains(','))
        {
            return null;
        }

        try
        {
            if (value.Contains('%'))
            {
                value = Uri.UnescapeDataString(value.ToString()).AsSpan().Trim();
            }

            return value.StartsWith("-----BEGIN", StringComparison.Ordinal) ? FromPem(value) : FromBase64Der(value);
        }
        catch (Exception e) when (e is CryptographicException or UriFormatException)
        {
            return null;
        }
    }

    private static X509Certificate2? FromPem(ReadOnlySpan<char> pem)
    {
        // The first certificate is the client's: proxies that forward the chain put the leaf first.
        if (!PemEncoding.TryFind(pem, out var fields) || !pem[fields.Label].SequenceEqual("CERTIFICATE"))
        {
            return null;
        }

        return FromBase64Der(pem[fields.Base64Data]);
    }

    private static X509Certificate2? FromBase64Der(ReadOnlySpan<char> base64)
    {
        var der = new byte[(base64.Length / 4 * 3) + 3];
        return Convert.TryFromBase64Chars(base64, der, out var length)
            ? X509CertificateLoader.LoadCertificate(der.AsSpan(0, length))
            : null;
    }
}
