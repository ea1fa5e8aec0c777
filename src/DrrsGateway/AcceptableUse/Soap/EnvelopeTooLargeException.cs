namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>Thrown by <see cref="CapturingReadStream"/> when the envelope's start does not fit its limit.</summary>
internal sealed class EnvelopeTooLargeException : Exception
{
    public EnvelopeTooLargeException()
        : base("The start of the SOAP envelope is larger than the peek limit.")
    {
    }

    public EnvelopeTooLargeException(string message)
        : base(message)
    {
    }

    public EnvelopeTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
