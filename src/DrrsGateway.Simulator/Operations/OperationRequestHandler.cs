using DrrsGateway.Simulator.Aup;
using DrrsGateway.Simulator.Soap;

namespace DrrsGateway.Simulator.Operations;

/// <summary>Answers one SOAP request: reads it, finds the operation, writes the canned response or a fault in the request's form.</summary>
internal sealed partial class OperationRequestHandler
{
    // Caps the caller-supplied name quoted back in faults and logs.
    private const int MaxQuotedNameLength = 64;

    private readonly AupGate _gate;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OperationRequestHandler> _logger;

    public OperationRequestHandler(AupGate gate, TimeProvider timeProvider, ILogger<OperationRequestHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _gate = gate;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Answers the operation named by <paramref name="pathOperation"/> (the last path segment) or, when the
    /// path names none, by the request itself (see <see cref="OperationDispatcher"/>).
    /// </summary>
    public async Task HandleAsync(HttpContext context, string? pathOperation)
    {
        var request = await SoapRequestReader.ReadAsync(context.Request, context.RequestAborted);
        if (request.Problem is not null)
        {
            Log.Unreadable(_logger, request.Problem);
            await SoapResponseWriter.WriteSenderFaultAsync(context, request, request.Problem);
            return;
        }

        var requested = OperationDispatcher.Requested(pathOperation, request);
        if (!DrrsOperationCatalog.TryFind(requested, out var operation))
        {
            await RefuseAsync(context, request, requested);
            return;
        }

        // Unknown names are refused above, unkeyed: junk cannot grow the policy's memory.
        if (!await _gate.AdmitAsync(context, request, operation.Name, operation.Name))
        {
            return;
        }

        if (request.Envelope is null && HttpMethods.IsPost(context.Request.Method))
        {
            Log.BodyNotXml(_logger, operation.Name);
        }

        var call = new SimulatedCall(request.Envelope, _timeProvider.GetUtcNow());
        Log.Answered(_logger, operation.Name, request.Version, request.IsMtom);
        await SoapResponseWriter.WriteAsync(context, request, operation.Respond(call), operation.ReplyAction);
    }

    private Task RefuseAsync(HttpContext context, SoapRequest request, string? requested)
    {
        if (requested is null)
        {
            Log.NoOperation(_logger);
            return SoapResponseWriter.WriteSenderFaultAsync(
                context,
                request,
                "The request names no operation: use /sst/runtime.asvc/<operation>, a SOAP action, a WS-Addressing Action or the operation's element in the Body.");
        }

        var quoted = Quote(requested);
        Log.UnknownOperation(_logger, quoted);
        return SoapResponseWriter.WriteSenderFaultAsync(
            context,
            request,
            $"Unknown DRRS operation '{quoted}'. Known: {string.Join(", ", DrrsOperationCatalog.Names)}.");
    }

    /// <summary>The caller's name reduced to characters that are safe in a log line or a fault, and shortened.</summary>
    internal static string Quote(string name)
    {
        var safe = new string(name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.').ToArray());
        return safe.Length > MaxQuotedNameLength ? safe[..MaxQuotedNameLength] : safe;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Answered {Operation} over {SoapVersion} (MTOM: {Mtom}).")]
        public static partial void Answered(ILogger logger, string operation, SoapVersion soapVersion, bool mtom);

        [LoggerMessage(2, LogLevel.Information, "Refused unknown operation '{Operation}' with a SOAP fault.")]
        public static partial void UnknownOperation(ILogger logger, string operation);

        [LoggerMessage(3, LogLevel.Information, "Refused a request that names no operation with a SOAP fault.")]
        public static partial void NoOperation(ILogger logger);

        [LoggerMessage(4, LogLevel.Debug, "The body of a {Operation} request is not well-formed XML; answering anyway.")]
        public static partial void BodyNotXml(ILogger logger, string operation);

        [LoggerMessage(5, LogLevel.Information, "Refused an unreadable request with a SOAP fault: {Problem}")]
        public static partial void Unreadable(ILogger logger, string problem);
    }
}
