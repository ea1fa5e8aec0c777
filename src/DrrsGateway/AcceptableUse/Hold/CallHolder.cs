namespace DrrsGateway.AcceptableUse.Hold;

/// <summary>
/// Holds calls until their slot: each waits on a timer, not a thread; at most <see cref="HoldPolicy.MaxHeld"/>
/// wait in this gateway at once. A call whose caller gives up, or that is still waiting when the gateway
/// stops, hands its slot back and is not forwarded.
/// </summary>
internal sealed class CallHolder(IHoldSlots slots, TimeProvider time, IHostApplicationLifetime lifetime)
{
    private const int MaxRechecks = 3;

    private int _held;

    /// <summary>Calls waiting now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Records that a call of <paramref name="key"/> was forwarded and answered: the next one is a spacing from now at the earliest.</summary>
    public ValueTask ForwardedAsync(AupKey key, TimeSpan window, HoldPolicy policy) => slots.ForwardedAsync(key, policy.SpacingFor(window));

    public async Task<HoldResult> WaitForSlotAsync(AupKey key, TimeSpan window, HoldPolicy policy, CancellationToken aborted)
    {
        var spacing = policy.SpacingFor(window);
        var slot = await slots.ReserveAsync(key, spacing, policy.MaxWait, policy.MaxQueuedPerKey).ConfigureAwait(false);
        switch (slot.Kind)
        {
            case HoldSlotKind.Now:
                return new(HoldResultKind.Now, TimeSpan.Zero);
            case HoldSlotKind.Full:
                return new(HoldResultKind.Full, slot.Delay);
            case HoldSlotKind.StoreUnavailable:
                return new(HoldResultKind.StoreUnavailable, TimeSpan.Zero);
        }

        try
        {
            if (Interlocked.Increment(ref _held) > policy.MaxHeld)
            {
                await slots.ReleaseAsync(key, slot, spacing).ConfigureAwait(false);
                return new(HoldResultKind.Full, slot.Delay);
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(aborted, lifetime.ApplicationStopping);
            var started = time.GetTimestamp();
            try
            {
                await Task.Delay(slot.Delay, time, cancel.Token).ConfigureAwait(false);

                // The slot counts from when the last call was answered too, which a call that reached the
                // backend late (a cold connection) moves on; a few rounds at most, each waiting only that much.
                for (var round = 0; round < MaxRechecks && await slots.RemainingAsync(key, spacing).ConfigureAwait(false) is { } remaining && remaining > TimeSpan.Zero; round++)
                {
                    await Task.Delay(remaining, time, cancel.Token).ConfigureAwait(false);
                }

                return new(HoldResultKind.Held, time.GetElapsedTime(started));
            }
            catch (OperationCanceledException)
            {
                await slots.ReleaseAsync(key, slot, spacing).ConfigureAwait(false);
                return new(aborted.IsCancellationRequested ? HoldResultKind.Abandoned : HoldResultKind.ShuttingDown, slot.Delay - time.GetElapsedTime(started));
            }
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }
}
