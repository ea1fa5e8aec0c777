using System.Collections.Concurrent;
using System.Text;
using System.Xml;
using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>
/// What SOAP 1.1 and 1.2 faults share: an envelope built with <see cref="XmlWriter"/> (so it is always
/// well-formed, whatever the text) whose detail is CAISO's <see cref="StandardOutputDetail"/>, rendered once
/// per distinct answer and then served from memory with the time of each response written in.
/// </summary>
internal abstract class SoapFaultResponder : RefusalResponder
{
    // The texts are the gateway's own (a window length, a handful of problems) and the services catalogued
    // ones, so a small bound suffices.
    private const int MaxCachedFaults = 256;

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
    };

    private readonly ConcurrentDictionary<(RefusalKind Kind, string Detail, string Service), SoapFaultTemplate> _rendered = new();
    private readonly string _contentType;
    private readonly TimeProvider _time;

    protected SoapFaultResponder(string contentType, string prefix, string envelopeNamespace, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _contentType = contentType;
        Prefix = prefix;
        EnvelopeNamespace = envelopeNamespace;
        _time = time;
    }

    /// <summary>The prefix bound to <see cref="EnvelopeNamespace"/>, used in fault code QNames.</summary>
    protected string Prefix { get; }

    /// <summary>The SOAP envelope namespace of this version.</summary>
    protected string EnvelopeNamespace { get; }

    /// <summary>The configured status for faults that are the caller's.</summary>
    protected abstract int CallerFaultStatusCode(SoapPolicy soap);

    /// <summary>Writes the fault's code and reason: a Server/Receiver fault when <paramref name="gatewayFault"/>.</summary>
    protected abstract void WriteCodeAndReason(XmlWriter writer, bool gatewayFault, string reason);

    /// <summary>Opens this version's detail element, which the shared writer fills and closes.</summary>
    protected abstract void WriteDetailStart(XmlWriter writer);

    /// <summary>
    /// A refusal or a missing identity uses the configured fault status (500 by default, which every SOAP
    /// stack reads as a fault); a request the gateway cannot key (malformed, hostile, naming no catalogued
    /// or disagreeing operations) keeps 400, never a server error; the store's outage keeps 503 so that load
    /// balancers and clients see a passing condition worth retrying.
    /// </summary>
    protected sealed override int StatusCodeFor(Refusal refusal, SoapPolicy soap) =>
        refusal.Kind is RefusalKind.Violation or RefusalKind.Unidentified ? CallerFaultStatusCode(soap) : refusal.StatusCode;

    protected sealed override Task WriteBodyAsync(HttpContext context, Refusal refusal)
    {
        var template = TemplateFor(refusal);
        var response = context.Response;
        response.ContentType = _contentType;
        response.ContentLength = template.Length;

        // One copy into the response's own buffer and one flush: no allocation per refusal under a flood.
        var body = response.BodyWriter;
        template.WriteTo(body.GetSpan(template.Length), _time.GetUtcNow());
        body.Advance(template.Length);
        var flush = body.FlushAsync(context.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }

    private SoapFaultTemplate TemplateFor(Refusal refusal)
    {
        var key = (refusal.Kind, refusal.Detail, refusal.Service ?? "");
        if (_rendered.TryGetValue(key, out var template))
        {
            return template;
        }

        template = Render(refusal);
        if (_rendered.Count < MaxCachedFaults)
        {
            _rendered.TryAdd(key, template);
        }

        return template;
    }

    internal SoapFaultTemplate Render(Refusal refusal)
    {
        var message = XmlSafe(refusal.Detail);
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, WriterSettings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(Prefix, "Envelope", EnvelopeNamespace);
            writer.WriteStartElement(Prefix, "Body", EnvelopeNamespace);
            writer.WriteStartElement(Prefix, "Fault", EnvelopeNamespace);
            WriteCodeAndReason(writer, refusal.IsGatewayFault, message);
            WriteDetailStart(writer);
            StandardOutputDetail.Write(writer, RefusalEvent.For(refusal.Kind), message, XmlSafe(refusal.Service ?? ""), SoapFaultTemplate.Placeholder);
            writer.WriteEndDocument();
        }

        return new SoapFaultTemplate(buffer.ToArray());
    }

    /// <summary>
    /// Replaces characters XML 1.0 cannot carry (control characters, lone surrogates) with U+FFFD;
    /// XmlWriter escapes the rest (&lt;, &amp;, quotes).
    /// </summary>
    internal static string XmlSafe(string text)
    {
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length && IsXmlCharAt(span, i, out var width))
        {
            i += width;
        }

        if (i == span.Length)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        clean.Append(span[..i]);
        while (i < span.Length)
        {
            if (IsXmlCharAt(span, i, out var width))
            {
                clean.Append(span.Slice(i, width));
                i += width;
            }
            else
            {
                clean.Append('\uFFFD');
                i++;
            }
        }

        return clean.ToString();
    }

    private static bool IsXmlCharAt(ReadOnlySpan<char> text, int index, out int width)
    {
        width = 1;
        if (XmlConvert.IsXmlChar(text[index]))
        {
            return true;
        }

        if (index + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[index + 1], text[index]))
        {
            width = 2;
            return true;
        }

        return false;
    }
}
