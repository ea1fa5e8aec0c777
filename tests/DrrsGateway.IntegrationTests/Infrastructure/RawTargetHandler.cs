namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// Carries the request target as sent (still percent-encoded) to the test server, which unlike Kestrel
/// leaves <c>IHttpRequestFeature.RawTarget</c> empty; <see cref="GatewayFactory"/> puts it back.
/// </summary>
internal sealed class RawTargetHandler : DelegatingHandler
{
    public const string HeaderName = "X-Test-Raw-Target";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation(HeaderName, request.RequestUri!.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped));
        return base.SendAsync(request, cancellationToken);
    }
}
