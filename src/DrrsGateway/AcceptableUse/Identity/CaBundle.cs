using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>Reads <c>Aup:Identity:ClientCertificate:TrustedCaPath</c>: the PEM file of CAs client certificates chain to.</summary>
internal static class CaBundle
{
    public static bool TryLoad(string path, out X509Certificate2Collection anchors, out string? problem)
    {
        anchors = [];
        try
        {
            anchors.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            problem = $"cannot be read as PEM certificates ({e.Message})";
            return false;
        }

        problem = anchors.Count == 0 ? "holds no PEM certificate" : null;
        return problem is null;
    }
}
