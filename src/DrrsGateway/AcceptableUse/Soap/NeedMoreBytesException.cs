namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>Thrown by <see cref="PeekedBytesStream"/> when a reader reaches the bytes that have not arrived yet.</summary>
internal sealed class NeedMoreBytesException : Exception
{
    public NeedMoreBytesException()
        : base("The envelope's start goes on beyond the bytes read so far.")
    {
    }

    public NeedMoreBytesException(string message)
        : base(message)
    {
    }

    public NeedMoreBytesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
