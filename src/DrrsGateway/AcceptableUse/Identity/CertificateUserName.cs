using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>Reads the user's name out of a client certificate, as <c>Aup:Identity:CertificateUser</c> says.</summary>
internal static class CertificateUserName
{
    private const string CommonNameOid = "2.5.4.3";

    /// <summary>The user named by <paramref name="certificate"/>, or null when it names none unambiguously.</summary>
    public static string? Of(X509Certificate2 certificate, CertificateUserField field)
    {
        try
        {
            return field switch
            {
                CertificateUserField.Thumbprint => certificate.Thumbprint,
                CertificateUserField.Subject => NullIfEmpty(certificate.Subject),
                _ => CommonName(certificate.SubjectName),
            };
        }
        catch (CryptographicException)
        {
            // A subject that does not decode names nobody.
            return null;
        }
    }

    /// <summary>
    /// The single CN of <paramref name="subject"/>. Two CNs (or none) are refused rather than guessed at:
    /// picking one could let a certificate speak for a user it was not issued to.
    /// </summary>
    internal static string? CommonName(X500DistinguishedName subject)
    {
        string? found = null;
        foreach (var name in subject.EnumerateRelativeDistinguishedNames())
        {
            if (name.HasMultipleElements || name.GetSingleElementType().Value != CommonNameOid)
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = name.GetSingleElementValue();
        }

        return NullIfEmpty(found?.Trim());
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
