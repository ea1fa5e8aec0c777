namespace DrrsGateway.Simulator.Aup;

/// <summary>What the policy limits: one user's calls of one operation.</summary>
/// <param name="User">The caller, compared exactly.</param>
/// <param name="Operation">The operation, lower-cased, so every spelling and both access points of it are one service.</param>
internal readonly record struct AupKey(string User, string Operation)
{
    /// <summary>The key of <paramref name="user"/> calling <paramref name="operation"/> in any case.</summary>
    public static AupKey Of(string user, string operation) => new(user, operation.ToLowerInvariant());
}
