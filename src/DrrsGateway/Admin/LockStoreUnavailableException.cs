namespace DrrsGateway.Admin;

/// <summary>The lock store did not answer an admin request in time.</summary>
public sealed class LockStoreUnavailableException : Exception
{
    public LockStoreUnavailableException()
    {
    }

    public LockStoreUnavailableException(string message)
        : base(message)
    {
    }

    public LockStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
