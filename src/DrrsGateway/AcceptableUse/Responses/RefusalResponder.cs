using System.Globalization;
using DrrsGateway.AcceptableUse.Soap;
using Microsoft.Net.Http.Headers;

namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>
/// Writes the gateway's own answers in the caller's protocol, one responder per protocol: SOAP 1.1 and 1.2
/// faults for SOAP callers, RFC 9457 problem details for JSON callers, plain text for everyone else.
/// </summary>
internal abstract class RefusalResponder
{
    /// <summary>The responder for this request, decided from its SOAP version and Accept header.</summary>
    public static RefusalResponder For(HttpRequest request, SoapVersion soap) => soap switch
    {
        SoapVersion.Soap11 => Soap11FaultResponder.Instance,
        SoapVersion.Soap12 => Soap12FaultResponder.Instance,
        _ => WantsJson(request) ? ProblemJsonResponder.Instance : PlainTextResponder.Instance,
    };

    public Task WriteAsync(HttpContext context, Refusal refusal, SoapPolicy soap)
    {
        var response = context.Response;
        response.StatusCode = StatusCodeFor(refusal, soap);
        response.Headers.CacheControl = "no-store";
        if (refusal.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return WriteBodyAsync(context, refusal);
    }

    /// <summary>The HTTP status of <paramref name="refusal"/> in this protocol.</summary>
    protected virtual int StatusCodeFor(Refusal refusal, SoapPolicy soap) => refusal.StatusCode;

    protected abstract Task WriteBodyAsync(HttpContext context, Refusal refusal);

    /// <summary>True when the caller lists a JSON media type it accepts (q &gt; 0).</summary>
    internal static bool WantsJson(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0)
        {
            return false;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var mediaTypes))
        {
            return false;
        }

        foreach (var mediaType in mediaTypes)
        {
            if (mediaType.Quality is 0)
            {
                continue;
            }

            var subType = mediaType.SubTypeWithoutSuffix;
            var isApplication = mediaType.Type.Equals("application", StringComparison.OrdinalIgnoreCase);
            if (isApplication && (subType.Equals("json", StringComparison.OrdinalIgnoreCase)
                || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
