namespace DrrsGateway.Simulator.Callers;

/// <summary>One operation call as the control endpoint reports it.</summary>
/// <param name="At">When it arrived, by the simulator's clock.</param>
/// <param name="Operation">The operation, lower-cased.</param>
/// <param name="Outcome">Executed or refused.</param>
/// <param name="CertificateSubject">The client certificate's subject; <c>null</c> without mutual TLS.</param>
/// <param name="CertificateThumbprint">The client certificate's thumbprint; <c>null</c> without mutual TLS.</param>
internal sealed record CallRecord(DateTimeOffset At, string Operation, CallOutcome Outcome, string? CertificateSubject, string? CertificateThumbprint);
