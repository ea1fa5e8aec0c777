namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Wraps a store that can fail (Redis). After <see cref="BreakerPolicy.FailureThreshold"/> consecutive
/// failures the circuit opens: requests are answered <see cref="StoreAnswer.StoreUnavailable"/> at once instead
/// of each waiting out the store timeout. After <see cref="BreakerPolicy.BreakMilliseconds"/> a single
/// request probes the store; success closes the circuit and enforcement resumes by itself.
/// </summary>
/// <remarks>
/// Hold mode's slot reservations share the circuit (<see cref="BreakerHoldSlots"/>): it is one Redis. The
/// outage is logged as transitions plus a periodic summary, never one line per request.
/// </remarks>
internal sealed partial class StoreCircuitBreaker : IAupStore
{
    private const long Closed = 0;

    private readonly IAupStore _inner;
    private readonly BreakerPolicy _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StoreCircuitBreaker> _logger;

    private int _consecutiveFailures;
    private long _openUntil = Closed;
    private int _probeInFlight;
    private long _openedAt;
    private long _lastSummaryAt;
    private long _unavailableSinceSummary;
    private long _unavailableSinceOpened;

    public StoreCircuitBreaker(IAupStore inner, BreakerPolicy options, TimeProvider time, ILogger<StoreCircuitBreaker> logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _inner = inner;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Whether requests currently bypass the store.</summary>
    public bool IsOpen => Volatile.Read(ref _openUntil) != Closed;

    /// <summary>The settings it was built with at start-up; a live edit of <c>Aup:Breaker</c> does not reach it.</summary>
    public BreakerPolicy Policy => _options;

    public ValueTask<StoreAnswer> RecordRequestAsync(AupKey key, TimeSpan window) =>
        RunAsync((Store: _inner, Key: key, Window: window), static call => call.Store.RecordRequestAsync(call.Key, call.Window), static answer => answer == StoreAnswer.StoreUnavailable, StoreAnswer.StoreUnavailable);

    /// <summary>
    /// Runs one store call through the breaker: counted when closed, short-circuited to
    /// <paramref name="unavailable"/> when open, a single probe once the pause is over. Hold mode's slot
    /// reservations go through here too, so both kinds of store call open and close the same circuit.
    /// </summary>
    /// <param name="state">What <paramref name="call"/> needs, passed so the call allocates no closure.</param>
    /// <param name="call">The store call.</param>
    /// <param name="failed">Whether an answer means the store could not answer.</param>
    /// <param name="unavailable">The answer while the circuit is open.</param>
    public ValueTask<T> RunAsync<TState, T>(TState state, Func<TState, ValueTask<T>> call, Func<T, bool> failed, T unavailable)
    {
        if (Volatile.Read(ref _openUntil) == Closed)
        {
            var pending = call(state);
            if (pending.IsCompletedSuccessfully)
            {
                var answer = pending.Result;
                OnClosedResult(failed(answer));
                return ValueTask.FromResult(answer);
            }

            return AwaitClosedAsync(pending, failed);
        }

        if (_time.GetTimestamp() >= Volatile.Read(ref _openUntil) && Interlocked.CompareExchange(ref _probeInFlight, 1, 0) == 0)
        {
            return ProbeAsync(state, call, failed);
        }

        ShortCircuit();
        return ValueTask.FromResult(unavailable);
    }

    private async ValueTask<T> AwaitClosedAsync<T>(ValueTask<T> pending, Func<T, bool> failed)
    {
        var answer = await pending.ConfigureAwait(false);
        OnClosedResult(failed(answer));
        return answer;
    }

    private void OnClosedResult(bool failed)
    {
        if (!failed)
        {
            // Reads before writing: the healthy hot path must not bounce a shared cache line between cores.
            if (Volatile.Read(ref _consecutiveFailures) != 0)
            {
                Interlocked.Exchange(ref _consecutiveFailures, 0);
            }

            return;
        }

        if (Interlocked.Increment(ref _consecutiveFailures) >= _options.FailureThreshold)
        {
            Open();
        }
    }

    private async ValueTask<T> ProbeAsync<TState, T>(TState state, Func<TState, ValueTask<T>> call, Func<T, bool> failed)
    {
        try
        {
            var answer = await call(state).ConfigureAwait(false);
            if (failed(answer))
            {
                Interlocked.Increment(ref _unavailableSinceOpened);
                Interlocked.Increment(ref _unavailableSinceSummary);
                Volatile.Write(ref _openUntil, _time.GetTimestamp() + BreakTicks());
            }
            else
            {
                Close();
            }

            return answer;
        }
        finally
        {
            Volatile.Write(ref _probeInFlight, 0);
        }
    }

    private void ShortCircuit()
    {
        Interlocked.Increment(ref _unavailableSinceOpened);
        var sinceSummary = Interlocked.Increment(ref _unavailableSinceSummary);
        var now = _time.GetTimestamp();
        var lastSummary = Volatile.Read(ref _lastSummaryAt);
        if (now - lastSummary >= _options.SummaryIntervalSeconds * _time.TimestampFrequency
            && Interlocked.CompareExchange(ref _lastSummaryAt, now, lastSummary) == lastSummary)
        {
            Interlocked.Add(ref _unavailableSinceSummary, -sinceSummary);
            Log.StillOpen(_logger, _time.GetElapsedTime(Volatile.Read(ref _openedAt), now).TotalSeconds, sinceSummary);
        }
    }

    private void Open()
    {
        var now = _time.GetTimestamp();
        if (Interlocked.CompareExchange(ref _openUntil, now + BreakTicks(), Closed) != Closed)
        {
            return;
        }

        Volatile.Write(ref _openedAt, now);
        Volatile.Write(ref _lastSummaryAt, now);
        Interlocked.Exchange(ref _unavailableSinceOpened, Volatile.Read(ref _consecutiveFailures));
        Interlocked.Exchange(ref _unavailableSinceSummary, 0);
        Log.Opened(_logger, Volatile.Read(ref _consecutiveFailures), _options.BreakMilliseconds);
    }

    private void Close()
    {
        var outage = _time.GetElapsedTime(Volatile.Read(ref _openedAt));
        var unavailable = Interlocked.Exchange(ref _unavailableSinceOpened, 0);
        Interlocked.Exchange(ref _consecutiveFailures, 0);
        Volatile.Write(ref _openUntil, Closed);
        Log.Closed(_logger, outage.TotalSeconds, unavailable);
    }

    private long BreakTicks() => _options.BreakMilliseconds * _time.TimestampFrequency / 1000;

    private static partial class Log
    {
        [LoggerMessage(EventIds.BreakerOpened, LogLevel.Error, "AUP store circuit opened after {ConsecutiveFailures} consecutive failures: requests are decided by Aup:OnStoreFailure until Redis answers again (next probe in {BreakMilliseconds} ms)")]
        public static partial void Opened(ILogger logger, int consecutiveFailures, int breakMilliseconds);

        [LoggerMessage(EventIds.BreakerStillOpen, LogLevel.Warning, "AUP store still unavailable after {OutageSeconds:0} s: {UnavailableRequests} requests decided by Aup:OnStoreFailure since the last summary")]
        public static partial void StillOpen(ILogger logger, double outageSeconds, long unavailableRequests);

        [LoggerMessage(EventIds.BreakerClosed, LogLevel.Information, "AUP store circuit closed: Redis answers again after an outage of {OutageSeconds:0.0} s; {UnavailableRequests} requests were decided by Aup:OnStoreFailure meanwhile")]
        public static partial void Closed(ILogger logger, double outageSeconds, long unavailableRequests);
    }
}
