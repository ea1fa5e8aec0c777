namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>Who sent a request, or why that could not be told.</summary>
internal readonly record struct IdentityResult(string? User, string? Problem)
{
    public static IdentityResult Anonymous { get; } = new(null, null);

    public static IdentityResult Of(string user) => new(user, null);

    public static IdentityResult Invalid(string problem) => new(null, problem);

    /// <summary>True when the request names no user and nothing is wrong with it either.</summary>
    public bool IsAnonymous => User is null && Problem is null;
}
