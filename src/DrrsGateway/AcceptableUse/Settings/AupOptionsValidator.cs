using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Soap;
using DrrsGateway.AcceptableUse.Stores.Breaker;
using Microsoft.Extensions.Options;

namespace DrrsGateway.AcceptableUse.Settings;

/// <summary>
/// Refuses settings the policy cannot run with; run at start-up, so a bad value stops the gateway with a
/// message naming the setting instead of failing on the first request.
/// </summary>
internal sealed class AupOptionsValidator : IValidateOptions<AupOptions>
{
    internal const int MaxWindowSeconds = 86_400;

    public ValidateOptionsResult Validate(string? name, AupOptions options)
    {
        var failures = new List<string>();
        if (options.WindowSeconds is < 1 or > MaxWindowSeconds)
        {
            failures.Add($"Aup:WindowSeconds must be a whole number of seconds from 1 to {MaxWindowSeconds} (CAISO's policy is 30); it is {options.WindowSeconds}.");
        }

        if (!Enum.IsDefined(options.OnStoreFailure))
        {
            failures.Add($"Aup:OnStoreFailure must be Allow or Reject; it is {options.OnStoreFailure}.");
        }

        if (options.StoreTimeoutMilliseconds is < 1 or > 60_000)
        {
            failures.Add($"Aup:StoreTimeoutMilliseconds must be from 1 to 60000; it is {options.StoreTimeoutMilliseconds}.");
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            failures.Add("Aup:KeyPrefix must not be empty.");
        }
        else if (options.KeyPrefix.AsSpan().IndexOfAny(PatternChars) >= 0)
        {
            // The prefix starts the SCAN patterns of admin look-ups and must not carry glob or hash-tag characters.
            failures.Add($"Aup:KeyPrefix may not contain * ? [ ] \\ {{ or }}; it is '{options.KeyPrefix}'.");
        }

        if (options.MaxServiceLength is < 1 or > 4096)
        {
            failures.Add($"Aup:MaxServiceLength must be from 1 to 4096; it is {options.MaxServiceLength}.");
        }

        foreach (var user in options.ExemptUsers)
        {
            if (NameRules.Check(user.Trim(), options.Identity.MaxLength, "exempt user") is { } problem)
            {
                failures.Add($"Aup:ExemptUsers holds an unusable entry: {problem}");
            }
        }

        ValidateBreaker(options.Breaker, failures);
        ValidateSoap(options.Soap, failures);
        if (!Services.ServiceCatalog.TryCreate(options.Services.Enabled, options.Services.Names, options.Services.Pattern, out _, out var catalogProblem))
        {
            failures.Add(catalogProblem!);
        }

        ValidateIdentity(options.Identity, failures);
        ValidateClientCertificate(options.Identity.ClientCertificate, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateBreaker(AupBreakerOptions breaker, List<string> failures)
    {
        if (breaker.FailureThreshold is < 1 or > 1000)
        {
            failures.Add($"Aup:Breaker:FailureThreshold must be from 1 to 1000; it is {breaker.FailureThreshold}.");
        }

        if (breaker.BreakMilliseconds is < 10 or > 600_000)
        {
            failures.Add($"Aup:Breaker:BreakMilliseconds must be from 10 to 600000; it is {breaker.BreakMilliseconds}.");
        }

        if (breaker.SummaryIntervalSeconds is < 1 or > 86_400)
        {
            failures.Add($"Aup:Breaker:SummaryIntervalSeconds must be from 1 to 86400; it is {breaker.SummaryIntervalSeconds}.");
        }
    }

    private static void ValidateIdentity(AupIdentityOptions identity, List<string> failures)
    {
        if (identity.TrustedHeader is { } header && (header.Length == 0 || !IsHeaderName(header)))
        {
            failures.Add($"Aup:Identity:TrustedHeader must be a valid HTTP header name; it is '{header}'.");
        }

        if (!TrustedProxySet.TryParse(identity.TrustedProxies, out _, out var invalid))
        {
            failures.Add($"Aup:Identity:TrustedProxies holds '{invalid}', which is neither an IP address nor a CIDR range such as 10.0.0.0/8.");
        }

        if (identity.MaxLength is < 1 or > 4096)
        {
            failures.Add($"Aup:Identity:MaxLength must be from 1 to 4096; it is {identity.MaxLength}.");
        }

        if (!IdentitySources.TryParse(identity.Sources, out _, out var sourceProblem))
        {
            failures.Add($"Aup:Identity:Sources must list Certificate, TrustedHeader and Principal in the order to try, each at most once: {sourceProblem}.");
        }

        if (!Enum.IsDefined(identity.CertificateUser))
        {
            failures.Add($"Aup:Identity:CertificateUser must be CommonName, Thumbprint or Subject; it is {identity.CertificateUser}.");
        }
    }

    private static void ValidateClientCertificate(AupClientCertificateOptions certificates, List<string> failures)
    {
        if (!Enum.IsDefined(certificates.Mode))
        {
            failures.Add($"Aup:Identity:ClientCertificate:Mode must be None, Allow or Require; it is {certificates.Mode}.");
        }

        if (certificates.ForwardedHeader is { } header && (header.Length == 0 || !IsHeaderName(header)))
        {
            failures.Add($"Aup:Identity:ClientCertificate:ForwardedHeader must be a valid HTTP header name; it is '{header}'.");
        }

        if (string.IsNullOrWhiteSpace(certificates.TrustedCaPath))
        {
            // Without a CA bundle no certificate can be trusted: asking for them would identify nobody.
            if (certificates.Mode != ClientCertificateMode.None || certificates.ForwardedHeader is not null)
            {
                failures.Add("Aup:Identity:ClientCertificate:TrustedCaPath must name the PEM file of the CAs client certificates chain to when Aup:Identity:ClientCertificate:Mode is Allow or Require or ForwardedHeader is set.");
            }
        }
        else if (!CaBundle.TryLoad(certificates.TrustedCaPath, out _, out var problem))
        {
            failures.Add($"Aup:Identity:ClientCertificate:TrustedCaPath '{certificates.TrustedCaPath}' {problem}.");
        }
    }

    private static void ValidateSoap(AupSoapOptions soap, List<string> failures)
    {
        if (soap.Soap11FaultStatusCode is < 400 or > 599)
        {
            failures.Add($"Aup:Soap:Soap11FaultStatusCode must be an HTTP error status from 400 to 599 (the SOAP 1.1 binding uses 500); it is {soap.Soap11FaultStatusCode}.");
        }

        if (soap.Soap12FaultStatusCode is < 400 or > 599)
        {
            failures.Add($"Aup:Soap:Soap12FaultStatusCode must be an HTTP error status from 400 to 599 (500 is what WCF reads faults from); it is {soap.Soap12FaultStatusCode}.");
        }

        if (!Enum.IsDefined(soap.EnvelopeCheck))
        {
            failures.Add($"Aup:Soap:EnvelopeCheck must be UnlessPathAndActionAgree, Always or WhenHeadersNameNone; it is {soap.EnvelopeCheck}.");
        }

        if (soap.MaxEnvelopePeekBytes is < 1024 or > 4 * 1024 * 1024)
        {
            failures.Add($"Aup:Soap:MaxEnvelopePeekBytes must be from 1024 to 4194304; it is {soap.MaxEnvelopePeekBytes}.");
        }
    }

    private static readonly System.Buffers.SearchValues<char> PatternChars = System.Buffers.SearchValues.Create("*?[]\\{}");

    // RFC 9110 token characters.
    private static bool IsHeaderName(string name) =>
        name.AsSpan().IndexOfAnyExcept(TokenChars) < 0;

    private static readonly System.Buffers.SearchValues<char> TokenChars =
        System.Buffers.SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
}
