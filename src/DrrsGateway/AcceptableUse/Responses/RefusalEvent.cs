namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>
/// The <c>Event</c> <c>id</c> and <c>result</c> a SOAP fault's <c>StandardOutput</c> carries for each kind
/// of refusal: stable values a client can match on, since CAISO does not publish its own. The one table:
/// <list type="table">
/// <listheader><term>kind</term><description>id / result</description></listheader>
/// <item><term><see cref="RefusalKind.Violation"/> (also hold mode with no slot free)</term><description><c>AUP-VIOLATION</c> / <c>Rejected</c></description></item>
/// <item><term><see cref="RefusalKind.Unidentified"/></term><description><c>AUP-UNIDENTIFIED</c> / <c>Unauthorized</c></description></item>
/// <item><term><see cref="RefusalKind.BadRequest"/></term><description><c>AUP-BAD-REQUEST</c> / <c>Invalid</c></description></item>
/// <item><term><see cref="RefusalKind.UnknownService"/></term><description><c>AUP-UNKNOWN-SERVICE</c> / <c>UnknownService</c></description></item>
/// <item><term><see cref="RefusalKind.StoreUnavailable"/></term><description><c>AUP-STORE-UNAVAILABLE</c> / <c>Unavailable</c></description></item>
/// <item><term><see cref="RefusalKind.ShuttingDown"/></term><description><c>AUP-SHUTTING-DOWN</c> / <c>ShuttingDown</c></description></item>
/// </list>
/// </summary>
internal readonly record struct RefusalEvent(string Id, string Result)
{
    public static RefusalEvent For(RefusalKind kind) => kind switch
    {
        RefusalKind.Violation => new("AUP-VIOLATION", "Rejected"),
        RefusalKind.Unidentified => new("AUP-UNIDENTIFIED", "Unauthorized"),
        RefusalKind.BadRequest => new("AUP-BAD-REQUEST", "Invalid"),
        RefusalKind.UnknownService => new("AUP-UNKNOWN-SERVICE", "UnknownService"),
        RefusalKind.StoreUnavailable => new("AUP-STORE-UNAVAILABLE", "Unavailable"),
        RefusalKind.ShuttingDown => new("AUP-SHUTTING-DOWN", "ShuttingDown"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Every refusal kind needs its own event."),
    };
}
