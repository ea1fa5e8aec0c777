using System.Collections.Concurrent;
using DrrsGateway.AcceptableUse.Settings;
using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// The gateway's Redis connection, which may not exist yet, and the one owner of its story: the first attempt
/// is made at start-up and ends in one line, connected (endpoints, TLS, user, server version, memory policy)
/// or not connected with the finest reason known (wrong password, ACL, TLS, no primary), the same reason
/// readiness gives. While attempts fail (a Sentinel configuration whose sentinels or primary are down) a
/// background loop retries with bounded back-off until one succeeds or the gateway stops. Meanwhile the
/// store answers <see cref="StoreAnswer.StoreUnavailable"/>, so <c>Aup:OnStoreFailure</c> decides.
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

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly RedisConnector _connector;
    private readonly RedisConnectionDiagnostics _diagnostics;
    private readonly AupPolicyProvider _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<Action<IConnectionMultiplexer>> _onConnected = [];
    private readonly ConcurrentDictionary<string, string> _failedEndpoints = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionMultiplexer? _multiplexer;
    private IDatabase? _database;
    private volatile string _notConnectedReason = "no attempt yet";
    private volatile bool _firstAttemptEnded;
    private volatile bool _everConnected;
    private long _startedAt;
    private int _connectedReported;
    private Task _retries = Task.CompletedTask;
    private int _disposed;

    public RedisConnection(RedisConnector connector, RedisConnectionDiagnostics diagnostics, AupPolicyProvider policy, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _connector = connector;
        _diagnostics = diagnostics;
        _policy = policy;
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
            // Not an error yet: readiness says so without the start-up line having been logged.
            if (!_firstAttemptEnded)
            {
                return $"Redis at {_connector.Endpoints} is starting: the first connection attempt has not ended yet.";
            }

            // Until it has ever connected, the reason the start-up line gave (or a newer one) is the finest known.
            if (Multiplexer is not { } multiplexer || (!_everConnected && !multiplexer.IsConnected))
            {
                return $"Redis at {_connector.Endpoints} is not connected: {_notConnectedReason}.";
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
        _startedAt = _time.GetTimestamp();
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
                await ReportConnectedAsync(multiplexer, later: false).ConfigureAwait(false);
            }
            else
            {
                // A plain or Cluster string: the client keeps reconnecting; ConnectionRestored reports success.
                var (reason, failure) = await DescribeFailureAsync(multiplexer, cancellationToken).ConfigureAwait(false);
                ReportNotConnected(reason, failure);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever the client throws, the gateway serves (per Aup:OnStoreFailure) and keeps trying. The
            // connector's own messages (no sentinel answers, no primary) are the finest reason there is.
            ReportNotConnected(_diagnostics.ServerCertificateProblem is { } certificate ? CertificateRefused(certificate) : ex.Message, ex);
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
                var multiplexer = await _connector.ConnectAsync(stopping).ConfigureAwait(false);
                Attach(multiplexer);
                Log.AttemptSucceeded(_logger, attempts, _time.GetElapsedTime(startedAt).TotalSeconds);
                await ReportConnectedAsync(multiplexer, later: true).ConfigureAwait(false);
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
    // Before Redis was ever connected the start-up line (event 172) is that Error.
    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        var endpoint = e.EndPoint?.ToString() ?? "?";
        var reason = e.FailureType.ToString();
        if (_failedEndpoints.TryAdd(endpoint, reason) && _everConnected)
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
        if (_everConnected)
        {
            Log.ConnectionRestored(_logger, endpoint);
        }
        else if (sender is IConnectionMultiplexer { IsConnected: true } multiplexer)
        {
            // The first connection after a failed start (the client reconnected by itself).
            _ = ReportConnectedAsync(multiplexer, later: true);
        }
    }

    private async Task ReportConnectedAsync(IConnectionMultiplexer multiplexer, bool later)
    {
        _everConnected = true;
        _firstAttemptEnded = true;

        // Both connections of every endpoint report a restore; the story is told once.
        if (Interlocked.Exchange(ref _connectedReported, 1) == 1)
        {
            return;
        }

        var version = multiplexer.GetServers().FirstOrDefault(server => server.IsConnected)?.Version.ToString() ?? "?";
        var user = _connector.User ?? "default";
        var policy = await ReadMemoryPolicyAsync().ConfigureAwait(false);
        if (later)
        {
            Log.ConnectedLate(_logger, _connector.Endpoints, (int)_time.GetElapsedTime(_startedAt).TotalSeconds, version, _diagnostics.TlsEnabled, user, policy);
        }
        else
        {
            Log.Connected(_logger, _connector.Endpoints, version, _diagnostics.TlsEnabled, user, policy);
        }
    }

    private void ReportNotConnected(string reason, Exception? failure)
    {
        _notConnectedReason = reason;
        _firstAttemptEnded = true;
        // Aup:OnStoreFailure is reloadable: the line names the mode that decides requests now.
        Log.NotConnected(_logger, _connector.Endpoints, reason, _policy.Current.OnStoreFailure, failure);
    }

    // The policy for the start-up line; RedisServerChecks warns about an evicting one (and re-checks after reconnects).
    private async Task<string> ReadMemoryPolicyAsync()
    {
        try
        {
            var side = await _diagnostics.OpenSideConnectionAsync().ConfigureAwait(false);
            if (side is null)
            {
                return "unknown";
            }

            await using (side.ConfigureAwait(false))
            {
                if (side.GetServers().FirstOrDefault(server => server.IsConnected && !server.IsReplica) is not { } primary)
                {
                    return "unknown (no primary answered)";
                }

                var reply = await primary.ExecuteAsync("INFO", "memory").WaitAsync(ProbeTimeout, _time).ConfigureAwait(false);
                return RedisServerChecks.InfoFields(reply.ToString()).GetValueOrDefault("maxmemory_policy", "unknown");
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return $"unknown ({e.Message})";
        }
    }

    private async Task<(string Reason, Exception? Failure)> DescribeFailureAsync(ConnectionMultiplexer redis, CancellationToken cancellationToken)
    {
        if (_diagnostics.ServerCertificateProblem is { } certificate)
        {
            return (CertificateRefused(certificate), null);
        }

        try
        {
            // Not connected, so this fails at once with the last connection error inside.
            await redis.GetDatabase().PingAsync().WaitAsync(ProbeTimeout, _time, cancellationToken).ConfigureAwait(false);
            return ("it answered a PING just now", null);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return (RedisFailureReason.Describe(e, _diagnostics.TlsEnabled, _diagnostics.ClientCertificateConfigured, _diagnostics.PasswordConfigured), e);
        }
    }

    private static string CertificateRefused(string problem) => $"its TLS certificate was refused: {problem}";

    private static partial class Log
    {
        [LoggerMessage(EventIds.RedisThreadPoolRaised, LogLevel.Information, "Thread-pool minimum raised from {From} to {To} worker threads: the Redis client's Sentinel failover blocks pool threads")]
        public static partial void ThreadPoolRaised(ILogger logger, int from, int to);

        [LoggerMessage(EventIds.RedisServerConnected, LogLevel.Information, "AUP store: Redis at {RedisEndpoints} connected (Redis {RedisVersion}, TLS: {Tls}, user: {RedisUser}, maxmemory-policy: {MaxmemoryPolicy}); the policy is shared by every gateway using it")]
        public static partial void Connected(ILogger logger, string redisEndpoints, string redisVersion, bool tls, string redisUser, string maxmemoryPolicy);

        [LoggerMessage(EventIds.RedisServerNotConnected, LogLevel.Error, "AUP store: Redis at {RedisEndpoints} is not connected at start-up: {Reason}. Until it connects, requests are decided by Aup:OnStoreFailure ({OnStoreFailure}), /readyz gives this reason, and the gateway keeps trying")]
        public static partial void NotConnected(ILogger logger, string redisEndpoints, string reason, StoreFailureMode onStoreFailure, Exception? exception);

        [LoggerMessage(EventIds.RedisServerConnectedLate, LogLevel.Information, "AUP store: Redis at {RedisEndpoints} connected {Seconds} s after start (Redis {RedisVersion}, TLS: {Tls}, user: {RedisUser}, maxmemory-policy: {MaxmemoryPolicy}): the policy is enforced through Redis again")]
        public static partial void ConnectedLate(ILogger logger, string redisEndpoints, int seconds, string redisVersion, bool tls, string redisUser, string maxmemoryPolicy);

        [LoggerMessage(EventIds.RedisConnectionFailed, LogLevel.Error, "Redis connection to {Endpoint} failed ({FailureType})")]
        public static partial void ConnectionFailed(ILogger logger, string endpoint, ConnectionFailureType failureType, Exception? exception);

        [LoggerMessage(EventIds.RedisConnectionRestored, LogLevel.Information, "Redis connection to {Endpoint} restored")]
        public static partial void ConnectionRestored(ILogger logger, string endpoint);

        [LoggerMessage(EventIds.RedisStillFailing, LogLevel.Warning, "AUP store: Redis at {Endpoints} still cannot be reached after {Attempts} attempts ({Reason})")]
        public static partial void StillFailing(ILogger logger, string endpoints, string reason, int attempts);

        [LoggerMessage(EventIds.RedisAttemptFailed, LogLevel.Debug, "Redis connection attempt {Attempt} failed ({Reason})")]
        public static partial void AttemptFailed(ILogger logger, int attempt, string reason);

        [LoggerMessage(EventIds.RedisAttemptSucceeded, LogLevel.Debug, "Redis connection attempt {Attempt} succeeded, {Seconds:0.0} s after the first failed")]
        public static partial void AttemptSucceeded(ILogger logger, int attempt, double seconds);

        [LoggerMessage(EventIds.RedisConnectionStillFailing, LogLevel.Debug, "Redis connection to {Endpoint} still failing ({FailureType})")]
        public static partial void ConnectionStillFailing(ILogger logger, string endpoint, ConnectionFailureType failureType);
    }
}
