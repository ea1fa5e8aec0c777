using System.Net;
using System.Security.Claims;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace DrrsGateway.UnitTests.AcceptableUse.Identity;

public sealed class UserIdentityResolverTests
{
    private static readonly IdentityPolicy Options = TestPolicy.From(new AupOptions { Identity = { TrustedHeader = "X-Drrs-User" } }).Identity;

    // One CA for the class: the tests only read it.
    private static readonly TestCertificateAuthority Ca = TestCertificateAuthority.Create();

    [Fact]
    public void Resolve_HeaderFromTrustedProxy_IsTheUser()
    {
        var context = Request(IPAddress.Loopback, "alice");

        Assert.Equal(IdentityResult.Of("alice"), Resolve(context));
    }

    [Fact]
    public void Resolve_HeaderFromUntrustedPeer_IsIgnored()
    {
        var context = Request(IPAddress.Parse("203.0.113.9"), "alice");

        Assert.Equal(IdentityResult.Anonymous, Resolve(context));
    }

    [Fact]
    public void Resolve_HeaderFromOtherLoopbackAddress_IsIgnored()
    {
        var context = Request(IPAddress.Parse("127.0.0.2"), "alice");

        Assert.Equal(IdentityResult.Anonymous, Resolve(context));
    }

    [Fact]
    public void Resolve_NoTrustedHeaderConfigured_IgnoresHeader()
    {
        var context = Request(IPAddress.Loopback, "alice");

        var result = UserIdentityResolver.Resolve(context, TestPolicy.Default.Identity);

        Assert.Equal(IdentityResult.Anonymous, result);
    }

    [Fact]
    public void Resolve_UntrustedPeerWithAuthenticatedPrincipal_UsesThePrincipal()
    {
        var context = Request(IPAddress.Parse("203.0.113.9"), "mallory");
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bob")], "test"));

        Assert.Equal(IdentityResult.Of("bob"), Resolve(context));
    }

    [Fact]
    public void Resolve_HeaderTwice_IsInvalid()
    {
        var context = Request(IPAddress.Loopback, "alice");
        context.Request.Headers["X-Drrs-User"] = new(["alice", "bob"]);

        Assert.NotNull(Resolve(context).Problem);
    }

    [Fact]
    public void Resolve_OversizedHeader_IsInvalid()
    {
        var context = Request(IPAddress.Loopback, new string('a', 300));

        Assert.Equal("The user identity is longer than 256 characters.", Resolve(context).Problem);
    }

    [Fact]
    public void Resolve_NothingToGoOn_IsAnonymous() =>
        Assert.Equal(IdentityResult.Anonymous, Resolve(new DefaultHttpContext()));

    [Fact]
    public void Resolve_TrustedCertificateAndHeader_CertificateComesFirstByDefault() =>
        Assert.Equal(IdentityResult.Of("carol"), ResolveWithCertificate(Ca, sources: []));

    [Fact]
    public void Resolve_SourcesHeaderFirst_HeaderWinsOverCertificate() =>
        Assert.Equal(IdentityResult.Of("alice"), ResolveWithCertificate(Ca, [IdentitySource.TrustedHeader, IdentitySource.Certificate]));

    [Fact]
    public void Resolve_UntrustedCertificate_FallsThroughToTheNextSource()
    {
        using var otherCa = TestCertificateAuthority.Create("Other CA");

        Assert.Equal(IdentityResult.Of("alice"), ResolveWithCertificate(otherCa, sources: []));
    }

    [Fact]
    public void Resolve_CertificateSourceNotListed_CertificateIsIgnored() =>
        Assert.Equal(IdentityResult.Anonymous, ResolveWithCertificate(Ca, [IdentitySource.Principal]));

    /// <summary>A trusted proxy's request for "alice" over a connection with carol's certificate from <paramref name="issuer"/>.</summary>
    private static IdentityResult ResolveWithCertificate(TestCertificateAuthority issuer, IdentitySource[] sources)
    {
        using var certificate = issuer.IssueClient("CN=carol");
        var context = Request(IPAddress.Loopback, "alice");
        context.Connection.ClientCertificate = certificate;
        var caFile = Ca.WritePemFile(Path.GetTempPath());
        try
        {
            var options = new AupIdentityOptions
            {
                TrustedHeader = "X-Drrs-User",
                Sources = [.. sources.Select(source => source.ToString())],
                ClientCertificate = { TrustedCaPath = caFile, CheckRevocation = false },
            };
            var failures = new List<string>();
            var policy = IdentityPolicy.Create(options, anchors => new ClientCertificateVerifier(anchors, checkRevocation: false, CertificateUserField.CommonName, TimeProvider.System, NullLogger.Instance), failures);
            Assert.Empty(failures);
            return UserIdentityResolver.Resolve(context, policy);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    private static IdentityResult Resolve(HttpContext context) =>
        UserIdentityResolver.Resolve(context, Options);

    private static DefaultHttpContext Request(IPAddress remote, string user)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = remote;
        context.Request.Headers["X-Drrs-User"] = user;
        return context;
    }
}
