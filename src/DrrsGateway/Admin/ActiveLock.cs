namespace DrrsGateway.Admin;

/// <summary>One open window of a user: the service and how long until it may be called again.</summary>
internal readonly record struct ActiveLock(string Service, TimeSpan Remaining);
