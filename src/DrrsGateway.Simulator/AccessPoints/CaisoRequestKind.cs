namespace DrrsGateway.Simulator.AccessPoints;

/// <summary>What an operation's request Body carries (document/literal bare: the element does not name the operation).</summary>
internal enum CaisoRequestKind
{
    /// <summary><c>RequestDRRegistrationData</c>: the location and registration retrieves.</summary>
    RegistrationDataQuery,

    /// <summary><c>BatchValidationStatus</c>: the batch status retrieves.</summary>
    BatchStatusQuery,

    /// <summary>A submit: an empty Body with the data as the second MIME part, or <c>ISOAttachment</c> on DocAttach.</summary>
    Submission,
}
