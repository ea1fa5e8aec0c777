using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace DrrsGateway.AcceptableUse.Stores.InMemory;

/// <summary>
/// How the embedded table keys a lock: the user as a 128-bit fingerprint, the service by its name (one
/// shared string per service). A user's name is the largest part of a lock kept by name (the table held a
/// copy per lock of every user who called in the last window); a fingerprint is 16 bytes in the table's own
/// array, so a million live locks take under half the memory. Locks stay listable by user: the admin API
/// fingerprints the name it is asked about and reads the services beside it.
/// </summary>
internal readonly record struct LockId(ulong UserHigh, ulong UserLow, string Service);

/// <summary>
/// Fingerprints user names with XXH128 under a seed drawn once per process from the system's secure random
/// source: two names share a fingerprint with a chance of one in 2^128, and nobody outside the process knows
/// the seed, so a name cannot be chosen to fall on another user's locks. Hashes the name's UTF-16 code units
/// as they are, with nothing allocated.
/// </summary>
internal sealed class UserFingerprints
{
    private readonly long _seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));

    public LockId Of(AupKey key)
    {
        var fingerprint = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(key.User.AsSpan()), _seed);
        return new LockId((ulong)(fingerprint >> 64), (ulong)fingerprint, key.Service);
    }
}
