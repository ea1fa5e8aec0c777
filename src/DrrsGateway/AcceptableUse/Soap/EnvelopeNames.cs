namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// What the start of a SOAP envelope names: the operation of its WS-Addressing <c>Action</c> header and the
/// local name of the first element in its <c>Body</c>, as written (empty when absent or not an operation
/// name); or why it could not be read. <see cref="Problem"/> is always gateway text, never anything taken
/// from the envelope. Two are equal when their names read the same, wherever the text lies.
/// </summary>
internal readonly record struct EnvelopeNames(ReadOnlyMemory<char> AddressingOperation, ReadOnlyMemory<char> BodyElement, string? Problem)
{
    /// <summary>An empty body: nothing a backend could dispatch on.</summary>
    public static EnvelopeNames Empty { get; } = new(default, default, null);

    public static EnvelopeNames Unreadable(string problem) => new(default, default, problem);

    public bool Equals(EnvelopeNames other) =>
        Problem == other.Problem
        && AddressingOperation.Span.SequenceEqual(other.AddressingOperation.Span)
        && BodyElement.Span.SequenceEqual(other.BodyElement.Span);

    public override int GetHashCode() => HashCode.Combine(string.GetHashCode(AddressingOperation.Span), string.GetHashCode(BodyElement.Span), Problem);
}
