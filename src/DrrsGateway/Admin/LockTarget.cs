namespace DrrsGateway.Admin;

/// <summary>The user (and, for one lock, the service) an admin call is about, validated as the policy validates them.</summary>
internal sealed record LockTarget(string User, string? Service);
