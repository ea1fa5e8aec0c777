using System.Globalization;

namespace DrrsGateway.AcceptableUse.Hold;

/// <summary>
/// Forwards an allowed call and watches the backend's answer for the backend's own AUP refusal (CAISO
/// counts its window too: another program calling with the same certificate, or a clock difference, makes
/// it refuse a call the gateway let through). A refused call was not run, so in hold mode it is held again
/// until a spacing after that refusal and forwarded anew, and the caller gets the backend's real answer;
/// otherwise, or when it cannot be held again, the refusal is passed on unchanged.
/// </summary>
internal sealed class BackendRefusalAbsorber(CallHolder holder)
{
    // Each absorbed refusal costs the caller a spacing: past a few, something else keeps calling, and waiting longer helps nobody.
    private const int MaxAbsorbed = 3;

    /// <summary>
    /// Forwards through <paramref name="next"/>; with <paramref name="holding"/> (a call hold mode already held
    /// for <paramref name="held"/>), forwards again after each absorbed refusal and records every forwarding
    /// as the key's last, on every replica.
    /// </summary>
    public async Task<BackendAnswer> ForwardAsync(HttpContext context, AupKey key, TimeSpan window, HoldPolicy policy, bool holding, TimeSpan held, RequestDelegate next)
    {
        var rule = policy.BackendRefusals;
        var absorbing = holding && rule.Absorb;
        var replay = absorbing ? await ReplayableRequestBody.CaptureAsync(context.Request, rule.MaxReplayBodyBytes, context.RequestAborted).ConfigureAwait(false) : null;
        var refusals = 0;
        var heldAgain = TimeSpan.Zero;
        while (true)
        {
            var catcher = BackendAnswerCatcher.Install(context, rule);
            await using (catcher.ConfigureAwait(false))
            {
                try
                {
                    await next(context).ConfigureAwait(false);
                }
                finally
                {
                    catcher.Uninstall();
                    if (holding)
                    {
                        // The backend saw the call at some moment up to its answer, refused or not: its window restarted then.
                        await holder.ForwardedAsync(key, window, policy).ConfigureAwait(false);
                    }
                }

                if (!catcher.HoldsRefusal())
                {
                    await catcher.ReleaseAsync(context.RequestAborted).ConfigureAwait(false);
                    return new(refusals, RefusalPassedOn: false, heldAgain);
                }

                refusals++;
                HoldResult? again = replay is null || refusals > MaxAbsorbed
                    ? null
                    : await holder.WaitForSlotAsync(key, window, policy, context.RequestAborted).ConfigureAwait(false);
                if (again is not { Kind: HoldResultKind.Now or HoldResultKind.Held })
                {
                    await catcher.ReleaseAsync(context.RequestAborted).ConfigureAwait(false);
                    return new(refusals, RefusalPassedOn: true, heldAgain);
                }

                heldAgain += again.Value.Wait;
                context.Response.Clear();
                context.Response.Headers[AupMiddleware.HeldHeader] = ((long)(held + heldAgain).TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                replay!.Rewind(context.Request);
            }
        }
    }
}

/// <summary>What the backend did with a forwarded call: how often it refused it, and whether its last refusal reached the caller.</summary>
internal readonly record struct BackendAnswer(int Refusals, bool RefusalPassedOn, TimeSpan HeldAgain);
