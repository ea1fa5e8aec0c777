using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>How SOAP callers are recognised and answered, checked once per settings change from <see cref="AupSoapOptions"/>.</summary>
internal sealed record SoapPolicy(
    bool Enabled,
    int Soap11FaultStatusCode,
    int Soap12FaultStatusCode,
    bool ForwardMetadataReads,
    EnvelopeCheck EnvelopeCheck,
    int MaxEnvelopePeekBytes)
{
    private static readonly SettingRange ErrorStatusCodes = new(400, 599);
    private static readonly SettingRange EnvelopePeekBytes = new(1024, 4 * 1024 * 1024);

    /// <summary>The shipped settings.</summary>
    public static SoapPolicy Default { get; } = Create(new AupSoapOptions(), []);

    /// <summary>Copies <paramref name="options"/>, adding a message naming the setting to <paramref name="failures"/> for each bad value.</summary>
    public static SoapPolicy Create(AupSoapOptions options, List<string> failures)
    {
        ErrorStatusCodes.Check("Aup:Soap:Soap11FaultStatusCode", options.Soap11FaultStatusCode, failures, "an HTTP error status; the SOAP 1.1 binding uses 500");
        ErrorStatusCodes.Check("Aup:Soap:Soap12FaultStatusCode", options.Soap12FaultStatusCode, failures, "an HTTP error status; 500 is what WCF reads faults from");

        if (!Enum.IsDefined(options.EnvelopeCheck))
        {
            failures.Add($"Aup:Soap:EnvelopeCheck must be UnlessPathAndActionAgree, Always or WhenHeadersNameNone; it is {options.EnvelopeCheck}.");
        }

        EnvelopePeekBytes.Check("Aup:Soap:MaxEnvelopePeekBytes", options.MaxEnvelopePeekBytes, failures);

        return new(options.Enabled, options.Soap11FaultStatusCode, options.Soap12FaultStatusCode, options.ForwardMetadataReads, options.EnvelopeCheck, options.MaxEnvelopePeekBytes);
    }
}
