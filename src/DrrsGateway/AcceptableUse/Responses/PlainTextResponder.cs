namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>The message alone, as plain text: what CAISO's own refusal looks like to a browser or curl.</summary>
internal sealed class PlainTextResponder : RefusalResponder
{
    public static PlainTextResponder Instance { get; } = new();

    protected override Task WriteBodyAsync(HttpContext context, Refusal refusal)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(refusal.Detail, context.RequestAborted);
    }
}
