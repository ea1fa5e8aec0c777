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
    /// <summary>The shipped settings.</summary>
    public static SoapPolicy Default { get; } = Create(new AupSoapOptions(), []);

    /// <summary>Copies <paramref name="options"/>, adding a message naming the setting to <paramref name="failures"/> for each bad value.</summary>
    public static SoapPolicy Create(AupSoapOptions options, List<string> failures)
    {
        if (options.Soap11FaultStatusCode is < 400 or > 599)
        {
            failures.Add($"Aup:Soap:Soap11FaultStatusCode must be an HTTP error status from 400 to 599 (the SOAP 1.1 binding uses 500); it is {options.Soap11FaultStatusCode}.");
        }

        if (options.Soap12FaultStatusCode is < 400 or > 599)
        {
            failures.Add($"Aup:Soap:Soap12FaultStatusCode must be an HTTP error status from 400 to 599 (500 is what WCF reads faults from); it is {options.Soap12FaultStatusCode}.");
        }

        if (!Enum.IsDefined(options.EnvelopeCheck))
        {
            failures.Add($"Aup:Soap:EnvelopeCheck must be UnlessPathAndActionAgree, Always or WhenHeadersNameNone; it is {options.EnvelopeCheck}.");
        }

        if (options.MaxEnvelopePeekBytes is < 1024 or > 4 * 1024 * 1024)
        {
            failures.Add($"Aup:Soap:MaxEnvelopePeekBytes must be from 1024 to 4194304; it is {options.MaxEnvelopePeekBytes}.");
        }

        return new(options.Enabled, options.Soap11FaultStatusCode, options.Soap12FaultStatusCode, options.ForwardMetadataReads, options.EnvelopeCheck, options.MaxEnvelopePeekBytes);
    }
}
