using System.Security.Cryptography;
using System.Text;

namespace DrrsGateway.Admin;

/// <summary>
/// The configured admin key, held as its SHA-256 hash: presented keys are hashed too and compared in
/// constant time, so neither the comparison's duration nor a length check tells a caller anything.
/// </summary>
internal sealed class AdminApiKey
{
    /// <summary>The header callers present the key in.</summary>
    public const string HeaderName = "X-Api-Key";

    private readonly byte[] _hash;

    public AdminApiKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        Fingerprint = "sha256:" + Convert.ToHexStringLower(_hash, 0, 6);
    }

    /// <summary>Names the key in audit events without revealing it: the first 6 bytes of its hash, in hex.</summary>
    public string Fingerprint { get; }

    /// <summary>Whether <paramref name="request"/> carries the key, exactly once.</summary>
    public bool IsPresentedBy(HttpRequest request)
    {
        var values = request.Headers[HeaderName];
        if (values.Count != 1 || values[0] is not { } presented)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _hash);
    }
}
