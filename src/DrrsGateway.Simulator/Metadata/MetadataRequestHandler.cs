using System.Text;
using System.Xml;
using System.Xml.Linq;
using DrrsGateway.Simulator.AccessPoints;
using DrrsGateway.Simulator.Operations;

namespace DrrsGateway.Simulator.Metadata;

/// <summary>
/// Serves the WSDL (<c>?wsdl</c>, <c>?singleWsdl</c>) and its schema (<c>?xsd=1</c>) of one operation's path,
/// or of the whole service at the generic endpoint, and the self-contained WSDL of a named access point,
/// addressed as the caller saw the request.
/// </summary>
internal sealed partial class MetadataRequestHandler
{
    private const string ContentType = "text/xml; charset=utf-8";

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
    };

    private readonly ILogger<MetadataRequestHandler> _logger;

    public MetadataRequestHandler(ILogger<MetadataRequestHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <summary>Answers a metadata read of <paramref name="pathOperation"/>'s path, or of the service when it is <c>null</c>.</summary>
    public Task HandleAsync(HttpContext context, MetadataKind kind, string? pathOperation)
    {
        IReadOnlyList<DrrsOperation> operations;
        if (pathOperation is null)
        {
            operations = DrrsOperationCatalog.All;
        }
        else if (DrrsOperationCatalog.TryFind(pathOperation, out var operation))
        {
            operations = [operation];
        }
        else
        {
            return NotFoundAsync(context, "Unknown DRRS operation: no WSDL.");
        }

        var address = CallerAddress.Of(context.Request);
        var document = kind switch
        {
            MetadataKind.Wsdl => WsdlDocument.Build(operations, address, $"{address}?{MetadataRequest.SchemaParameter}={MetadataRequest.SchemaId}"),
            MetadataKind.SingleWsdl => WsdlDocument.Build(operations, address, schemaLocation: null),
            _ when context.Request.Query[MetadataRequest.SchemaParameter] == MetadataRequest.SchemaId =>
                new XDocument(new XDeclaration("1.0", "utf-8", null), SchemaDocument.Build(operations)),
            _ => null,
        };
        if (document is null)
        {
            return NotFoundAsync(context, "No such schema: the WSDL imports only ?xsd=1.");
        }

        Log.Served(_logger, kind, pathOperation ?? "the service");
        return WriteAsync(context, document);
    }

    /// <summary>Answers a metadata read of <paramref name="accessPoint"/>: its WSDL, whose schemas are inline.</summary>
    public Task HandleAccessPointAsync(HttpContext context, MetadataKind kind, AccessPoint accessPoint)
    {
        ArgumentNullException.ThrowIfNull(accessPoint);
        if (kind == MetadataKind.Schema)
        {
            return NotFoundAsync(context, "No such schema: the access point's WSDL carries its schemas inline.");
        }

        Log.Served(_logger, kind, accessPoint.Name);
        return WriteAsync(context, AccessPointWsdlDocument.Build(accessPoint, CallerAddress.Of(context.Request)));
    }

    private static async Task WriteAsync(HttpContext context, XDocument document)
    {
        // Buffered so HEAD gets the same Content-Length as GET and no body.
        using var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, WriterSettings))
        {
            await document.SaveAsync(writer, context.RequestAborted);
        }

        var response = context.Response;
        response.ContentType = ContentType;
        response.ContentLength = buffer.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
        }
    }

    private static Task NotFoundAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(message, context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Served {Kind} for {Scope}.")]
        public static partial void Served(ILogger logger, MetadataKind kind, string scope);
    }
}
