namespace DrrsGateway.AcceptableUse;

/// <summary>Present only when <see cref="AupServiceCollectionExtensions.AddAcceptableUsePolicy"/> ran.</summary>
internal sealed class AupMarkerService;
