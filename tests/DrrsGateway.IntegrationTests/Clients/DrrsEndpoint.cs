namespace DrrsGateway.IntegrationTests.Clients;

/// <summary>Where a DRRS caller sends an operation.</summary>
public enum DrrsEndpoint
{
    /// <summary><c>/sst/runtime.asvc/&lt;operation&gt;</c>: the path names the operation.</summary>
    OperationPath,

    /// <summary><c>/sst/runtime.asvc</c>: only the SOAP message names the operation.</summary>
    Generic,
}
