using System.Collections.Concurrent;
using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// The gateway's Redis connection, which may not exist yet. The first attempt is made at start-up; while
/// attempts fail (a Sentinel configuration whose sentinels or primary are down) a background loop retries
/// with bounded back-off until one succeeds or the gateway stops. Meanwhile the store answers
/// <see cref="StoreAnswer.StoreUnavailable"/>, so <c>Aup:OnStoreFailure</c> decides, and readiness says why.
/// </summary>
internal sealed partial class RedisConnection : IHostedService, IDisposable
{
    /// <summary>
    /// The thread-pool minimum the gateway keeps with a Sentinel configuration. The client's Sentinel
    /// failover code (switching primaries, reconfiguring) blocks pool threads on round trips whose replies
    /// are parsed on the pool itself; with the default minimum (one thread per core) requests stalled for
    /// 2–4 s while the pool grew; at 32 one run of three still had a 0.77 s call; 64 kept every call under
    /// 0.1 s (deploy/README.md has the measurements). Client 3.4.35 still needs it (without: worst calls of
    /// 0.87 s and 7.3 s in two failovers). Plain and Cluster connections do not run that code.
    /// </summary>
    internal const int MinWorkerThreads = 64;

    /// <summary>The log category of connection events (as before the connection had a holder).</summary>
    internal const string LogCategory = "DrrsGateway.Redis";

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly RedisConnector _connector;
    private readonly StoreFailureMode _onStoreFailure;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<Action<IConnectionMultiplexer>> _onConnected = [];
    private readonly ConcurrentDictionary<string, string> _failedEndpoints = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionMultiplexer? _multiplexer;
    private IDatabase? _database;
    private volatile string _notConnectedReason = "no attempt yet";
    private Task _retries = Task.CompletedTask;
    private int _disposed;

    public RedisConnection(RedisConnector connector, StoreFailureMode onStoreFailure, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _connector = connector;
        _onStoreFailure = onStoreFailure;
        _time = time;
        _logger = logger;
    }

    /// <summary>The database once a multiplexer exists (it may be disconnected), else null: one read on the hot path.</summary>
    public IDatabase? Database => Volatile.Read(ref _database);

    /// <summary>The multiplexer once one exists, else null.</summary>
    public IConnectionMultiplexer? Multiplexer => Volatile.Read(ref _multiplexer);

    /// <summary>Why Redis cannot be used now, or null while it is connected.</summary>
    public string? Problem
    {
        get
        {
            if (Multiplexer is not { } multiplexer)
            {
                return $"Redis at {_connector.Endpoints} is not connected yet: {_notConnectedReason}.";
            }

            if (!multiplexer.IsConnected)
            {
                var failures = _failedEndpoints.Select(entry => $"{entry.Key}: {entry.Value}").ToList();
                return failures.Count == 0
                    ? $"Redis at {_connector.Endpoints} is not connected."
                    : $"Redis at {_connector.Endpoints} is not connected ({string.Join("; ", failures)}).";
            }

            return null;
        }
    }

    /// <summary>The multiplexer, or a <see cref="RedisConnectionException"/> saying why there is none yet.</summary>
    public IConnectionMultiplexer GetMultiplexer() =>
        Multiplexer ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, Problem ?? "Redis is not connected yet.");

    /// <summary>Runs <paramref name="callback"/> once a multiplexer exists: now, or when the connection is made.</summary>
    public void WhenConnected(Action<IConnectionMultiplexer> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_gate)
        {
            if (_multiplexer is null)
            {
                _onConnected.Add(callback);
                return;
            }
        }

        callback(_multiplexer);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_connector.IsSentinel)
        {
            KeepThreadPoolMinimum();
        }

        try
        {
            var multiplexer = await _connector.ConnectAsync(cancellationToken).ConfigureAwait(false);
            Attach(multiplexer);
            if (multiplexer.IsConnected)
            {
                Log.Connected(_logger, _connector.Endpoints);
            }
            else
            {
                Log.StartedDisconnected(_logger, _connector.Endpoints, _onStoreFailure, Problem);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever the client throws, the gateway serves (per Aup:OnStoreFailure) and keeps trying.
            _notConnectedReason = ex.Message;
            Log.StartFailed(_logger, _connector.Endpoints, _onStoreFailure, ex.Message, ex);
            _retries = RetryAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _retries.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutdown's own deadline passed; Dispose closes whatever the attempt leaves.
        }
    }

    public void Dispose()
    {
        // The host and the test factory may both dispose the container.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _multiplexer?.Dispose();
        _connector.Dispose();

        // _stopping is left undisposed: it has no timer, and StopAsync may still run after Dispose.
    }

    private void KeepThreadPoolMinimum()
    {
        // Only ever raised: an operator's DOTNET_ThreadPool_ForceMinWorkerThreads stands when higher.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < MinWorkerThreads && ThreadPool.SetMinThreads(MinWorkerThreads, completionPorts))
        {
            Log.ThreadPoolRaised(_logger, workers, MinWorkerThreads);
        }
    }

    private async Task RetryAsync(CancellationToken stopping)
    {
        var startedAt = _time.GetTimestamp();
        var delay = FirstRetryDelay;
        var attempts = 1;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
                attempts++;
                Attach(await _connector.ConnectAsync(stopping).ConfigureAwait(false));
                Log.ConnectedLater(_logger, _connector.Endpoints, _time.GetElapsedTime(startedAt).TotalSeconds, attempts);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A new reason is worth a line; the same one again is not.
                if (ex.Message != _notConnectedReason)
                {
                    _notConnectedReason = ex.Message;
                    Log.StillFailing(_logger, _connector.Endpoints, ex.Message, attempts);
                }
                else
                {
                    Log.AttemptFailed(_logger, attempts, ex.Message);
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    private void Attach(ConnectionMultiplexer multiplexer)
    {
        if (_stopping.IsCancellationRequested)
        {
            multiplexer.Dispose();
            return;
        }

        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        List<Action<IConnectionMultiplexer>> callbacks;
        lock (_gate)
        {
            Volatile.Write(ref _database, multiplexer.GetDatabase());
            Volatile.Write(ref _multiplexer, multiplexer);
            callbacks = [.. _onConnected];
            _onConnected.Clear();
        }

        foreach (var callback in callbacks)
        {
            callback(multiplexer);
        }
    }

    // The client reports every failed reconnect; an outage is one Error per endpoint until it is restored.
    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        var endpoint = e.EndPoint?.ToString() ?? "?";
        var reason = e.FailureType.ToString();
        if (_failedEndpoints.TryAdd(endpoint, reason))
        {
            Log.ConnectionFailed(_logger, endpoint, e.FailureType, e.Exception);
        }
        else
        {
            _failedEndpoints[endpoint] = reason;
            Log.ConnectionStillFailing(_logger, endpoint, e.FailureType);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        var endpoint = e.EndPoint?.ToString() ?? "?";
        _failedEndpoints.TryRemove(endpoint, out _);
        Log.ConnectionRestored(_logger, endpoint);
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.RedisThreadPoolRaised, LogLevel.Information, "Thread-pool minimum raised from {From} to {To} worker threads: the Redis client's Sentinel failover blocks pool threads")]
        public static partial void ThreadPoolRaised(ILogger logger, int from, int to);

        [LoggerMessage(EventIds.RedisConnected, LogLevel.Information, "AUP store is Redis at {Endpoints} (connected); the policy is shared by every gateway using it")]
        public static partial void Connected(ILogger logger, string endpoints);

        [LoggerMessage(EventIds.RedisConnectionFailed, LogLevel.Error, "Redis connection to {Endpoint} failed ({FailureType})")]
        public static partial void ConnectionFailed(ILogger logger, string endpoint, ConnectionFailureType failureType, Exception? exception);

        [LoggerMessage(EventIds.RedisConnectionRestored, LogLevel.Information, "Redis connection to {Endpoint} restored")]
        public static partial void ConnectionRestored(ILogger logger, string endpoint);

        [LoggerMessage(EventIds.RedisStartFailed, LogLevel.Error, "AUP store: Redis at {Endpoints} could not be reached at start-up ({Reason}): requests are decided by Aup:OnStoreFailure ({OnStoreFailure}) and the gateway keeps trying to connect")]
        public static partial void StartFailed(ILogger logger, string endpoints, StoreFailureMode onStoreFailure, string reason, Exception exception);

        [LoggerMessage(EventIds.RedisStartedDisconnected, LogLevel.Error, "AUP store: Redis at {Endpoints} is not connected at start-up ({Reason}): requests are decided by Aup:OnStoreFailure ({OnStoreFailure}) and the client reconnects every second")]
        public static partial void StartedDisconnected(ILogger logger, string endpoints, StoreFailureMode onStoreFailure, string? reason);

        [LoggerMessage(EventIds.RedisStillFailing, LogLevel.Warning, "AUP store: Redis at {Endpoints} still cannot be reached after {Attempts} attempts ({Reason})")]
        public static partial void StillFailing(ILogger logger, string endpoints, string reason, int attempts);

        [LoggerMessage(EventIds.RedisAttemptFailed, LogLevel.Debug, "Redis connection attempt {Attempt} failed ({Reason})")]
        public static partial void AttemptFailed(ILogger logger, int attempt, string reason);

        [LoggerMessage(EventIds.RedisConnectedLater, LogLevel.Information, "AUP store: Redis at {Endpoints} connected after {Seconds:0.0} s ({Attempts} attempts); the policy is enforced again")]
        public static partial void ConnectedLater(ILogger logger, string endpoints, double seconds, int attempts);

        [LoggerMessage(EventIds.RedisConnectionStillFailing, LogLevel.Debug, "Redis connection to {Endpoint} still failing ({FailureType})")]
        public static partial void ConnectionStillFailing(ILogger logger, string endpoint, ConnectionFailureType failureType);
    }
}
