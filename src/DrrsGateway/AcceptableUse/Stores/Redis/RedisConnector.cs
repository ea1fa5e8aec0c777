using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Opens the Redis connection the way a gateway needs it, one attempt at a time, for every kind of
/// configuration string. <see cref="RedisConnection"/> decides when to attempt.
/// </summary>
/// <remarks>
/// A plain or Cluster string yields a multiplexer even while Redis is down (it reconnects by itself). The
/// client's Sentinel connect ignores <c>AbortOnConnectFail</c> and throws, and each failed attempt leaks
/// multiplexers that keep reconnecting; so the sentinels are connected once and kept across attempts, and
/// the primary they name is asked for only once it accepts connections.
/// </remarks>
internal sealed partial class RedisConnector : IDisposable
{
    private readonly ConfigurationOptions _options;
    private readonly ILogger _logger;
    private ConnectionMultiplexer? _sentinels;

    public RedisConnector(ConfigurationOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _logger = logger;
    }

    /// <summary>Whether the configuration names a Sentinel service (the client's own test is internal).</summary>
    public bool IsSentinel => !string.IsNullOrEmpty(_options.ServiceName);

    /// <summary>The ACL user the configuration names, or null for Redis's default user.</summary>
    public string? User => _options.User;

    /// <summary>What the configuration string names, for logs and readiness.</summary>
    public string Endpoints => IsSentinel
        ? $"{string.Join(", ", _options.EndPoints)} (Sentinel, service {_options.ServiceName})"
        : string.Join(", ", _options.EndPoints);

    /// <summary>Parses a configuration string and applies what a gateway needs whatever it says.</summary>
    public static ConfigurationOptions CreateOptions(string configuration, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = ConfigurationOptions.Parse(configuration);
        RedisConfigurationBuilder.Apply(options, services);

        // A gateway must start and serve (per Aup:OnStoreFailure) while Redis is down, and reconnect by
        // itself when it returns, whatever the connection string says.
        options.AbortOnConnectFail = false;

        // While disconnected, fail commands at once rather than queue them: the policy has a bounded
        // answer time, and Aup:OnStoreFailure decides instead.
        options.BacklogPolicy = BacklogPolicy.FailFast;

        // Reconnect every second (not with exponential back-off) so enforcement resumes soon after Redis returns.
        // (Client 3.x reads replies on the thread pool by itself: the SocketManager option 2.x needed is gone.)
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        return options;
    }

    /// <summary>
    /// One connection attempt. Throws <see cref="RedisConnectionException"/> saying why when no multiplexer
    /// can be had yet (only with Sentinel: the sentinels or the primary they name are unreachable).
    /// </summary>
    public async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        if (!IsSentinel)
        {
            return await ConnectionMultiplexer.ConnectAsync(_options.Clone()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var sentinels = _sentinels ??= await ConnectionMultiplexer.SentinelConnectAsync(_options.Clone()).WaitAsync(cancellationToken).ConfigureAwait(false);
        var primary = await FindPrimaryAsync(sentinels).ConfigureAwait(false);
        await ProbeAsync(primary, cancellationToken).ConfigureAwait(false);

        // The client's primary connect blocks (sync round trips, sleeps): keep it off the thread pool.
        return await Task.Factory.StartNew(
            () => sentinels.GetSentinelMasterConnection(_options.Clone()),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).ConfigureAwait(false);
    }

    public void Dispose() => _sentinels?.Dispose();

    private async Task<EndPoint> FindPrimaryAsync(ConnectionMultiplexer sentinels)
    {
        var timeout = TimeSpan.FromMilliseconds(_options.ConnectTimeout);
        var reachable = 0;
        foreach (var endpoint in sentinels.GetEndPoints())
        {
            var sentinel = sentinels.GetServer(endpoint);
            if (!sentinel.IsConnected)
            {
                continue;
            }

            reachable++;
            try
            {
                if (await sentinel.SentinelGetMasterAddressByNameAsync(_options.ServiceName!).WaitAsync(timeout).ConfigureAwait(false) is { } primary)
                {
                    return primary;
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                Log.SentinelQueryFailed(_logger, endpoint.ToString() ?? "?", ex);
            }
        }

        throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, reachable == 0
            ? $"no sentinel answers ({string.Join(", ", _options.EndPoints)})"
            : $"no sentinel names a primary for service '{_options.ServiceName}'");
    }

    private async Task ProbeAsync(EndPoint primary, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(primary, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None,
                $"the sentinels name {primary} as primary of '{_options.ServiceName}', and it does not accept connections", ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.RedisSentinelQueryFailed, LogLevel.Debug, "Sentinel {Endpoint} did not name the primary")]
        public static partial void SentinelQueryFailed(ILogger logger, string endpoint, Exception exception);
    }
}
