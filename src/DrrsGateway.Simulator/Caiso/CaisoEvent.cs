namespace DrrsGateway.Simulator.Caiso;

/// <summary>What a StandardOutput reports: one event of one service, as CAISO's <c>EventLog</c> carries it.</summary>
/// <param name="Id">The event's id: a result code, or the batch a submit created.</param>
/// <param name="Result">The outcome, e.g. <c>Success</c>.</param>
/// <param name="Description">The human-readable text; for a fault, its exact message.</param>
/// <param name="ServiceName">The service that reports it: the access point's operation.</param>
/// <param name="CreatedAt">When it happened.</param>
internal sealed record CaisoEvent(string Id, string Result, string Description, string ServiceName, DateTimeOffset CreatedAt)
{
    /// <summary><see cref="CreatedAt"/> in UTC with milliseconds, as CAISO writes its timestamps.</summary>
    public string CreatedAtText =>
        CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
