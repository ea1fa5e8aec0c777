using DrrsGateway.Simulator.Caiso;
using DrrsGateway.Simulator.Callers;
using DrrsGateway.Simulator.Soap;
using Microsoft.Extensions.Options;

namespace DrrsGateway.Simulator.Aup;

/// <summary>
/// Where every operation call passes before it runs: finds the caller, applies the policy when it is on, records
/// the call in the <see cref="CallLedger"/> either way, and writes the refusal of a call that may not run.
/// </summary>
internal sealed partial class AupGate
{
    /// <summary>The event id of the simulator's policy refusals, so a test can tell them from the gateway's.</summary>
    internal const string ViolationId = "SIM-AUP-VIOLATION";

    private readonly AupWindows _windows;
    private readonly CallLedger _ledger;
    private readonly TimeProvider _timeProvider;
    private readonly SimulatorAupOptions _options;
    private readonly string _message;
    private readonly ILogger<AupGate> _logger;

    public AupGate(AupWindows windows, CallLedger ledger, TimeProvider timeProvider, IOptions<SimulatorAupOptions> options, ILogger<AupGate> logger)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _windows = windows;
        _ledger = ledger;
        _timeProvider = timeProvider;
        _options = options.Value;
        _message = AupMessage.For(_options.WindowSeconds);
        _logger = logger;
    }

    /// <summary>
    /// True when the call of <paramref name="operation"/> may run; false when it was refused, the refusal
    /// already written. <paramref name="serviceName"/> is what a fault's StandardOutput names.
    /// </summary>
    public async Task<bool> AdmitAsync(HttpContext context, SoapRequest request, string operation, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context, _options.UserHeader);
        var key = AupKey.Of(caller.User, operation);
        var now = _timeProvider.GetUtcNow();
        var outcome = !_options.Enabled || _windows.TryPass(key) ? CallOutcome.Executed : CallOutcome.Refused;
        _ledger.Record(caller.User, new CallRecord(now, key.Operation, outcome, caller.CertificateSubject, caller.CertificateThumbprint));

        // Quiet for plain executed calls, which the handlers log; loud for what a test or a person looks for.
        var level = outcome == CallOutcome.Refused || caller.CertificateSubject is not null ? LogLevel.Information : LogLevel.Debug;
        Log.Call(_logger, level, key.Operation, caller.User, outcome, caller.CertificateSubject ?? "none", caller.CertificateThumbprint ?? "none");
        if (outcome == CallOutcome.Executed)
        {
            return true;
        }

        await AupRefusal.WriteAsync(context, request, new CaisoEvent(ViolationId, CaisoFaultWriter.FailureResult, _message, serviceName, now));
        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Message = "Call of {Operation} by user '{User}': {Outcome} (client certificate {CertificateSubject}, thumbprint {CertificateThumbprint}).")]
        public static partial void Call(ILogger logger, LogLevel level, string operation, string user, CallOutcome outcome, string certificateSubject, string certificateThumbprint);
    }
}
