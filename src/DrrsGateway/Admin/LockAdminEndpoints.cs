using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Settings;

namespace DrrsGateway.Admin;

/// <summary>
/// The admin API's handlers: list a user's locks (and hold slots), clear one, clear them all. Each checks the key first,
/// then the names, and writes one audit event saying who (address, key fingerprint) did what to how many locks.
/// </summary>
internal sealed partial class LockAdminEndpoints
{
    private const string ListAction = "list";
    private const string ClearAction = "clear";
    private const string ClearAllAction = "clear-all";

    private readonly ILockAdministration _locks;
    private readonly AdminApiKey _key;
    private readonly AupPolicyProvider _policy;
    private readonly ILogger<LockAdminEndpoints> _logger;

    public LockAdminEndpoints(ILockAdministration locks, AdminApiKey key, AupPolicyProvider policy, ILogger<LockAdminEndpoints> logger)
    {
        ArgumentNullException.ThrowIfNull(locks);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(logger);
        _locks = locks;
        _key = key;
        _policy = policy;
        _logger = logger;
    }

    /// <summary>
    /// <c>GET /admin/locks/{user}</c>: the user's open windows with the seconds left on each, and hold mode's
    /// slots with the milliseconds until each next one.
    /// </summary>
    public Task ListAsync(HttpContext context) =>
        RunAsync(context, ListAction, withService: false, async target =>
        {
            var locks = await _locks.ListAsync(target.User, context.RequestAborted).ConfigureAwait(false);
            var slots = await _locks.ListHoldSlotsAsync(target.User, context.RequestAborted).ConfigureAwait(false);
            Log.Listed(_logger, ListAction, target.User, locks.Count, slots.Count, RemoteAddress(context), _key.Fingerprint);
            return new LockAdminResult(target.User, Locks: [.. locks.Select(LockView.From)], HoldSlots: [.. slots.Select(HoldSlotView.From)]);
        });

    /// <summary>
    /// <c>DELETE /admin/locks/{user}/{service}</c>: the user may call the service again at once, in hold mode
    /// too (the next call is forwarded without waiting for a slot).
    /// </summary>
    public Task ClearAsync(HttpContext context) =>
        RunAsync(context, ClearAction, withService: true, async target =>
        {
            var key = new AupKey(target.User, target.Service!);
            var cleared = await _locks.ClearAsync(key, context.RequestAborted).ConfigureAwait(false) ? 1 : 0;
            var slots = await _locks.ClearHoldSlotAsync(key, context.RequestAborted).ConfigureAwait(false) ? 1 : 0;
            Log.Cleared(_logger, ClearAction, target.User, target.Service!, cleared, slots, RemoteAddress(context), _key.Fingerprint);
            return new LockAdminResult(target.User, target.Service, Cleared: cleared, HoldSlotsCleared: slots);
        });

    /// <summary><c>DELETE /admin/locks/{user}</c>: the user may call every service again at once, in hold mode too.</summary>
    public Task ClearAllAsync(HttpContext context) =>
        RunAsync(context, ClearAllAction, withService: false, async target =>
        {
            var cleared = await _locks.ClearAllAsync(target.User, context.RequestAborted).ConfigureAwait(false);
            var slots = await _locks.ClearHoldSlotsAsync(target.User, context.RequestAborted).ConfigureAwait(false);
            Log.ClearedAll(_logger, ClearAllAction, target.User, cleared, slots, RemoteAddress(context), _key.Fingerprint);
            return new LockAdminResult(target.User, Cleared: cleared, HoldSlotsCleared: slots);
        });

    private async Task RunAsync(HttpContext context, string action, bool withService, Func<LockTarget, Task<LockAdminResult>> operation)
    {
        if (!_key.IsPresentedBy(context.Request))
        {
            // Nothing in the answer says whether the key was missing or wrong; the audit event does.
            Log.Unauthorized(_logger, action, context.Request.Headers.ContainsKey(AdminApiKey.HeaderName) ? "wrong" : "missing", RemoteAddress(context));
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (LockTargetReader.Read(context, withService, _policy.Current, out var problem) is not { } target)
        {
            Log.Invalid(_logger, action, problem!, RemoteAddress(context), _key.Fingerprint);
            await Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        try
        {
            var result = await operation(target).ConfigureAwait(false);
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsJsonAsync(result, AdminJsonContext.Default.LockAdminResult, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (LockStoreUnavailableException ex)
        {
            Log.StoreUnavailable(_logger, action, target.User, RemoteAddress(context), _key.Fingerprint, ex);
            await Results.Problem("The lock store did not answer in time. Retry shortly; clearing again is harmless.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away: there is no one to answer.
        }
    }

    private static string RemoteAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static partial class Log
    {
        [LoggerMessage(EventIds.AdminListed, LogLevel.Information, "Admin {AdminAction} by {RemoteAddress} (key {KeyFingerprint}): {User} has {LockCount} open lock(s) and {HoldSlotCount} hold slot(s)")]
        public static partial void Listed(ILogger logger, string adminAction, string user, int lockCount, int holdSlotCount, string remoteAddress, string keyFingerprint);

        [LoggerMessage(EventIds.AdminCleared, LogLevel.Information, "Admin {AdminAction} by {RemoteAddress} (key {KeyFingerprint}): cleared {LocksAffected} lock(s) and {HoldSlotsAffected} hold slot(s) of {User} on {Service}")]
        public static partial void Cleared(ILogger logger, string adminAction, string user, string service, int locksAffected, int holdSlotsAffected, string remoteAddress, string keyFingerprint);

        [LoggerMessage(EventIds.AdminClearedAll, LogLevel.Information, "Admin {AdminAction} by {RemoteAddress} (key {KeyFingerprint}): cleared {LocksAffected} lock(s) and {HoldSlotsAffected} hold slot(s) of {User}")]
        public static partial void ClearedAll(ILogger logger, string adminAction, string user, int locksAffected, int holdSlotsAffected, string remoteAddress, string keyFingerprint);

        [LoggerMessage(EventIds.AdminUnauthorized, LogLevel.Warning, "Admin {AdminAction} refused to {RemoteAddress}: {KeyProblem} API key")]
        public static partial void Unauthorized(ILogger logger, string adminAction, string keyProblem, string remoteAddress);

        [LoggerMessage(EventIds.AdminInvalid, LogLevel.Information, "Admin {AdminAction} by {RemoteAddress} (key {KeyFingerprint}) refused: {Problem}")]
        public static partial void Invalid(ILogger logger, string adminAction, string problem, string remoteAddress, string keyFingerprint);

        [LoggerMessage(EventIds.AdminStoreUnavailable, LogLevel.Warning, "Admin {AdminAction} by {RemoteAddress} (key {KeyFingerprint}) for {User} failed: the lock store did not answer")]
        public static partial void StoreUnavailable(ILogger logger, string adminAction, string user, string remoteAddress, string keyFingerprint, Exception exception);
    }
}
