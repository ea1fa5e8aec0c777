namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// Tells <see cref="EnvelopeReader"/> whether a whole, small body names no operation but the one its call is
/// keyed by, so that it need not be parsed. Soap reads envelopes but does not know which names are
/// operations; the service catalog does, and answers through this.
/// </summary>
internal interface IOperationScan
{
    /// <summary>True only when sure that <paramref name="body"/> names no operation but <paramref name="operation"/>.</summary>
    bool NamesNothingBut(ReadOnlySpan<byte> body, string operation);
}
