namespace DrrsGateway.Simulator.Tests;

/// <summary>What a request's Body carries at an access point, as the issue 19 contract's table has it.</summary>
public enum CaisoRequestBody
{
    /// <summary><c>RequestDRRegistrationData</c>.</summary>
    RegistrationQuery,

    /// <summary><c>BatchValidationStatus</c>.</summary>
    BatchStatusQuery,

    /// <summary>A submit: empty Body plus an attachment part, or <c>ISOAttachment</c> on DocAttach.</summary>
    Submission,
}
