using System.Xml.Linq;
using DrrsGateway.Simulator.Aup;
using DrrsGateway.Simulator.Caiso;
using DrrsGateway.Simulator.Operations;
using DrrsGateway.Simulator.Soap;

namespace DrrsGateway.Simulator.AccessPoints;

/// <summary>
/// Answers a POST to a named access point the way CAISO's front does: the access point decides the operation,
/// so nothing in the Body is needed to find it; what contradicts it, or cannot be read, gets a CAISO fault.
/// </summary>
internal sealed partial class AccessPointRequestHandler
{
    /// <summary>Event ids of the simulator's faults, so a test or a person can tell the refusals apart.</summary>
    internal const string UnreadableId = "SIM-UNREADABLE-REQUEST";
    internal const string Soap12Id = "SIM-SOAP12-NOT-SUPPORTED";
    internal const string ActionMismatchId = "SIM-SOAPACTION-MISMATCH";
    internal const string InternalErrorId = "SIM-INTERNAL-ERROR";

    private readonly AupGate _gate;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AccessPointRequestHandler> _logger;

    public AccessPointRequestHandler(AupGate gate, TimeProvider timeProvider, ILogger<AccessPointRequestHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _gate = gate;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context, AccessPoint accessPoint)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(accessPoint);
        var request = await SoapRequestReader.ReadAsync(context.Request, context.RequestAborted);

        // The policy comes first, as at CAISO's front: a refused call is not looked at any further.
        if (!await _gate.AdmitAsync(context, request, accessPoint.Operation.Name, accessPoint.ServiceName))
        {
            return;
        }

        var now = _timeProvider.GetUtcNow();
        if (Refusal(request, accessPoint) is var (id, message))
        {
            Log.Refused(_logger, accessPoint.Name, id);
            await CaisoFaultWriter.WriteAsync(context, request, CaisoFaultCode.Client, Event(accessPoint, id, message, now));
            return;
        }

        XElement answer;
        try
        {
            answer = accessPoint.Operation.Respond(new SimulatedCall(request.Envelope, now), accessPoint.ServiceName);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The simulator's own failure is the Server's fault, as CAISO reports its own.
            Log.Failed(_logger, accessPoint.Name, exception);
            await CaisoFaultWriter.WriteAsync(
                context, request, CaisoFaultCode.Server, Event(accessPoint, InternalErrorId, "The DRRS simulator failed to answer the request.", now));
            return;
        }

        Log.Answered(_logger, accessPoint.Name, request.IsMtom);
        await SoapResponseWriter.WriteAsync(context, request, answer, accessPoint.ReplyAction, SoapEnvelope.CaisoPrefix);
    }

    /// <summary>Why the request cannot be answered at <paramref name="accessPoint"/>, or <c>null</c> when it can.</summary>
    internal static (string Id, string Message)? Refusal(SoapRequest request, AccessPoint accessPoint)
    {
        if (request.Problem is not null)
        {
            return (UnreadableId, request.Problem);
        }

        if (request.Version != SoapVersion.Soap11)
        {
            return (Soap12Id, $"{accessPoint.Name} accepts SOAP 1.1 only: text/xml with a SOAPAction header.");
        }

        var actionName = SoapHeaders.LastActionPart(request.Action);
        return accessPoint.Accepts(actionName)
            ? null
            : (ActionMismatchId,
                $"The SOAPAction names '{OperationRequestHandler.Quote(actionName!)}', but {accessPoint.Name} runs {accessPoint.Operation.Name}: "
                + $"send {accessPoint.SoapAction} or none.");
    }

    private static CaisoEvent Event(AccessPoint accessPoint, string id, string message, DateTimeOffset now) =>
        new(id, CaisoFaultWriter.FailureResult, message, accessPoint.ServiceName, now);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Answered {AccessPoint} (MTOM: {Mtom}).")]
        public static partial void Answered(ILogger logger, string accessPoint, bool mtom);

        [LoggerMessage(2, LogLevel.Information, "Refused a request to {AccessPoint} with a CAISO fault ({EventId}).")]
        public static partial void Refused(ILogger logger, string accessPoint, string eventId);

        [LoggerMessage(3, LogLevel.Error, "Failed to answer a request to {AccessPoint}; answered a Server fault.")]
        public static partial void Failed(ILogger logger, string accessPoint, Exception exception);
    }
}
