namespace DrrsGateway.Admin;

/// <summary>One hold-mode slot of a user: the service and how long until its next call may be forwarded.</summary>
internal readonly record struct HeldSlot(string Service, TimeSpan UntilNextSlot);
