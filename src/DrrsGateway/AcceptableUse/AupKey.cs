namespace DrrsGateway.AcceptableUse;

/// <summary>
/// What the policy counts per: one user calling one service. <see cref="Service"/> is already
/// lower-cased, so services compare case-insensitively while users compare exactly.
/// </summary>
internal readonly record struct AupKey(string User, string Service);
