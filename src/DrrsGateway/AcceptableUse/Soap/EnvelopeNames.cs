namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// What the start of a SOAP envelope names: the operation of its WS-Addressing <c>Action</c> header and the
/// local name of the first element in its <c>Body</c> (both lower-cased, null when absent); or why it could
/// not be read. <see cref="Problem"/> is always gateway text, never anything taken from the envelope.
/// </summary>
internal readonly record struct EnvelopeNames(string? AddressingOperation, string? BodyElement, string? Problem)
{
    /// <summary>An empty body: nothing a backend could dispatch on.</summary>
    public static EnvelopeNames Empty { get; } = new(null, null, null);

    public static EnvelopeNames Unreadable(string problem) => new(null, null, problem);
}
