using DrrsGateway.Simulator.Soap;

namespace DrrsGateway.Simulator.Operations;

/// <summary>Answers one SOAP request: finds the operation, reads the body, writes the canned response or a fault.</summary>
internal sealed partial class OperationRequestHandler
{
    // Caps the caller-supplied name quoted back in faults and logs.
    private const int MaxQuotedNameLength = 64;

    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OperationRequestHandler> _logger;

    public OperationRequestHandler(TimeProvider timeProvider, ILogger<OperationRequestHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Answers the operation named by <paramref name="pathOperation"/> (the last path segment) or, when the
    /// path names none, by the SOAP action headers.
    /// </summary>
    public async Task HandleAsync(HttpContext context, string? pathOperation)
    {
        var request = context.Request;
        var version = SoapHeaders.VersionOf(request);
        var requested = pathOperation ?? SoapHeaders.OperationOf(request);
        if (!DrrsOperationCatalog.TryFind(requested, out var operation))
        {
            await RefuseAsync(context, version, requested);
            return;
        }

        var body = await SoapRequestReader.ReadAsync(request, context.RequestAborted);
        if (body is null && HttpMethods.IsPost(request.Method))
        {
            Log.BodyNotXml(_logger, operation.Name);
        }

        var call = new SimulatedCall(body, _timeProvider.GetUtcNow());
        Log.Answered(_logger, operation.Name, version);
        await SoapResponseWriter.WriteAsync(context, version, SoapEnvelope.Wrap(version, operation.Respond(call)));
    }

    private Task RefuseAsync(HttpContext context, SoapVersion version, string? requested)
    {
        if (requested is null)
        {
            Log.NoOperation(_logger);
            return SoapResponseWriter.WriteSenderFaultAsync(
                context,
                version,
                "The request names no operation: use /sst/runtime.asvc/<operation>, a SOAPAction header or a SOAP 1.2 action.");
        }

        var quoted = Quote(requested);
        Log.UnknownOperation(_logger, quoted);
        return SoapResponseWriter.WriteSenderFaultAsync(
            context,
            version,
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
        [LoggerMessage(1, LogLevel.Information, "Answered {Operation} over {SoapVersion}.")]
        public static partial void Answered(ILogger logger, string operation, SoapVersion soapVersion);

        [LoggerMessage(2, LogLevel.Information, "Refused unknown operation '{Operation}' with a SOAP fault.")]
        public static partial void UnknownOperation(ILogger logger, string operation);

        [LoggerMessage(3, LogLevel.Information, "Refused a request that names no operation with a SOAP fault.")]
        public static partial void NoOperation(ILogger logger);

        [LoggerMessage(4, LogLevel.Debug, "The body of a {Operation} request is not well-formed XML; answering anyway.")]
        public static partial void BodyNotXml(ILogger logger, string operation);
    }
}
