namespace DrrsGateway.AcceptableUse.Identity;

/// <summary>A place the gateway may learn the user from; <c>Aup:Identity:Sources</c> orders them.</summary>
public enum IdentitySource
{
    /// <summary>The client certificate: presented over TLS, or forwarded by a trusted proxy.</summary>
    Certificate,

    /// <summary>The <c>Aup:Identity:TrustedHeader</c> set by a trusted proxy.</summary>
    TrustedHeader,

    /// <summary>The name of the principal ASP.NET Core authentication established.</summary>
    Principal,
}
