namespace DrrsGateway.AcceptableUse.Services;

/// <summary>How far the headers of a request get towards telling its service.</summary>
internal enum ServiceResultKind
{
    /// <summary>The service is known: key the request by it.</summary>
    Named,

    /// <summary>Only the SOAP envelope can tell which operation the backend will run.</summary>
    NeedsEnvelope,

    /// <summary>The request cannot be keyed: refuse it as a bad request.</summary>
    Invalid,

    /// <summary>The request names no catalogued operation: refuse it, write no lock.</summary>
    Unknown,
}
