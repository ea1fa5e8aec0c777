using System.Collections.Concurrent;
using System.Net;
using DrrsGateway.AcceptableUse.Settings;
using StackExchange.Redis;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Once Redis is connected (<see cref="RedisConnection"/> tells whether and why not), and again after each
/// reconnect, checks what the server's settings mean for the policy: a
/// <c>maxmemory-policy</c> that can evict lock keys, and commands of <see cref="RedisAclRules"/> the ACL user
/// may not run. Never fails start-up: Redis settings are the operator's, the gateway reports them.
/// </summary>
internal sealed partial class RedisServerChecks : IHostedService, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly RedisConnection _connection;
    private readonly RedisConnectionDiagnostics _diagnostics;
    private readonly RedisKeyFormat _keys;
    private readonly AupPolicyProvider _policy;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisServerChecks> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private readonly ConcurrentDictionary<string, bool> _refusedCommands = new(StringComparer.Ordinal);
    private int _checking;
    private Task _startup = Task.CompletedTask;
    private volatile bool _started;

    public RedisServerChecks(RedisConnection connection, RedisConnectionDiagnostics diagnostics, RedisKeyFormat keys, AupPolicyProvider policy, TimeProvider time, ILogger<RedisServerChecks> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _connection = connection;
        _diagnostics = diagnostics;
        _keys = keys;
        _policy = policy;
        _time = time;
        _logger = logger;

        // Read once: a reconnect may be reported while the host disposes us.
        _stoppingToken = _stopping.Token;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The multiplexer may not exist yet (Sentinel down at start-up): RedisConnection hands it over when it does.
        _connection.WhenConnected(multiplexer => multiplexer.ConnectionRestored += OnConnectionRestored);

        // In the background: the gateway serves (per Aup:OnStoreFailure) while Redis is away.
        _startup = Task.Run(() => WatchStartAsync(_stoppingToken), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Unsubscribe();
        try
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await _startup.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Whatever the watch met was logged (or the host disposed us first); stopping goes on.
        }
    }

    public void Dispose()
    {
        Unsubscribe();
        _stopping.Dispose();
    }

    private void Unsubscribe()
    {
        if (_connection.Multiplexer is { } multiplexer)
        {
            multiplexer.ConnectionRestored -= OnConnectionRestored;
        }
    }

    // Null until RedisConnection has made its first multiplexer.
    private IConnectionMultiplexer? Redis => _connection.Multiplexer;

    private bool IsConnected => Redis is { IsConnected: true };

    private async Task WatchStartAsync(CancellationToken stopping)
    {
        try
        {
            while (!IsConnected)
            {
                await Task.Delay(PollInterval, _time, stopping).ConfigureAwait(false);
            }

            _started = true;
            await CheckServerAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Log.CheckFailed(_logger, e);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        // The start-up watch checks the first connection; later ones are reconnects (possibly to a new primary).
        if (_started && e.ConnectionType == ConnectionType.Interactive)
        {
            _ = Task.Run(() => CheckServerAsync(_stoppingToken), CancellationToken.None);
        }
    }

    private async Task CheckServerAsync(CancellationToken stopping)
    {
        // Both connections of every endpoint report a restore; one check at a time is enough.
        if (Interlocked.Exchange(ref _checking, 1) == 1)
        {
            return;
        }

        try
        {
            await ProbeCommandsAsync(stopping).ConfigureAwait(false);
            await CheckWithRawCommandsAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A report must never take the gateway down; the policy itself does not depend on it.
            Log.CheckFailed(_logger, e);
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }

    // INFO memory needs admin mode and the key-command probes must be sent raw (the client's typed calls would
    // write a probe key other code could see), and a raw command makes the client SELECT
    // before the next one on that connection, which the least-privilege ACL refuses. So they go over a second,
    // short-lived connection made with the same options, which sends nothing else.
    private async Task CheckWithRawCommandsAsync(CancellationToken stopping)
    {
        if (await _diagnostics.OpenSideConnectionAsync().ConfigureAwait(false) is not { } side)
        {
            return;
        }

        await using (side.ConfigureAwait(false))
        {
            var primaries = side.GetServers().Where(s => s.IsConnected && !s.IsReplica).ToList();
            if (primaries.Count == 0)
            {
                Log.MemoryPolicyUnknown(_logger, Endpoints(), "a second connection for the check did not connect");
                return;
            }

            foreach (var primary in primaries)
            {
                await CheckMemoryPolicyAsync(primary, stopping).ConfigureAwait(false);
            }

            // Every command of the list that can be sent raw, in the shape the gateway sends it and none of
            // them writing (see RedisAclRules). In a cluster a node that does not own the key answers MOVED,
            // also after the ACL passed the command.
            var server = primaries[0];
            var probe = _keys.ProbeKey.ToString();
            foreach (var command in RedisAclRules.Commands.Where(command => command.Probe is not null && command.ExistsOn(server.Version)))
            {
                await ProbeAsync(command, () => server.ExecuteAsync(command.Probe![0], command.ProbeArguments(probe)), stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task CheckMemoryPolicyAsync(IServer server, CancellationToken stopping)
    {
        var endpoint = Format(server.EndPoint);
        string? policy = null;
        string? maxMemory = null;
        string? problem = null;
        try
        {
            // INFO memory carries the policy and needs no CONFIG right (CONFIG GET would also show secrets).
            var reply = await server.ExecuteAsync("INFO", "memory").WaitAsync(ProbeTimeout, _time, stopping).ConfigureAwait(false);
            var fields = InfoFields(reply.ToString());
            fields.TryGetValue("maxmemory_policy", out policy);
            fields.TryGetValue("maxmemory", out maxMemory);
            if (policy is null)
            {
                problem = "INFO memory has no maxmemory_policy field";
            }
        }
        catch (RedisServerException e)
        {
            NoteRefused("info", RedisAclRules.Command("info").Purpose, e.Message);
            problem = $"INFO refused: {e.Message}";
        }

        if (policy is null)
        {
            policy = await ConfigGetPolicyAsync(server, stopping).ConfigureAwait(false);
            if (policy is null)
            {
                Log.MemoryPolicyUnknown(_logger, endpoint, problem ?? "unknown");
                return;
            }
        }

        if (RedisMemoryPolicy.CanEvictLocks(policy))
        {
            Log.MemoryPolicyEvicts(_logger, endpoint, policy, maxMemory ?? "?");
        }
        else
        {
            // Aup:OnStoreFailure is reloadable: a check after a reconnect names the mode in force then.
            Log.MemoryPolicyKeepsLocks(_logger, endpoint, maxMemory ?? "?", _policy.Current.OnStoreFailure);
        }
    }

    internal static Dictionary<string, string> InfoFields(string info)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in info.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !line.StartsWith('#'))
            {
                fields[line[..colon]] = line[(colon + 1)..];
            }
        }

        return fields;
    }

    private async Task<string?> ConfigGetPolicyAsync(IServer server, CancellationToken stopping)
    {
        try
        {
            var reply = await server.ExecuteAsync("CONFIG", "GET", "maxmemory-policy").WaitAsync(ProbeTimeout, _time, stopping).ConfigureAwait(false);
            var values = (RedisResult[]?)reply;
            return values is { Length: 2 } ? values[1].ToString() : null;
        }
        catch (Exception e) when (e is RedisException or RedisCommandException or TimeoutException)
        {
            // ACL (NOPERM), a managed service's renamed CONFIG, or the client's admin-mode guard: say so, go on.
            return null;
        }
    }

    private async Task ProbeCommandsAsync(CancellationToken stopping)
    {
        if (Redis is not { } redis)
        {
            return;
        }

        var database = redis.GetDatabase();
        var channel = _keys.ClearedChannel;
        var subscriber = redis.GetSubscriber();

        // Pub/sub and PING through the client's own calls; the key commands go raw over the second connection.
        var probes = new (string Command, Func<Task> Run)[]
        {
            ("ping", () => database.PingAsync()),

            // An empty notice names no user (identities are never empty), so replicas forget nothing.
            ("publish", () => subscriber.PublishAsync(channel, "")),
            ("subscribe", () => ProbeSubscribeAsync(subscriber, channel)),
        };
        foreach (var (command, run) in probes)
        {
            await ProbeAsync(RedisAclRules.Command(command), run, stopping).ConfigureAwait(false);
        }
    }

    // Redis checks the ACL before it runs (or argues with) a command: only NOPERM means refused; any other
    // error answer (invalid expire time, MOVED) means the user may send it.
    private async Task ProbeAsync(RedisAclCommand command, Func<Task> run, CancellationToken stopping)
    {
        try
        {
            await run().WaitAsync(ProbeTimeout, _time, stopping).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOPERM", StringComparison.Ordinal))
        {
            NoteRefused(command.Name, command.Purpose, e.Message);
        }
        catch (RedisServerException)
        {
        }
    }

    // When the channel is already subscribed this adds a local handler only, so it finds a refusal only when
    // the gateway's own subscription failed; it never reports one that did not happen.
    private static async Task ProbeSubscribeAsync(ISubscriber subscriber, RedisChannel channel)
    {
        Action<RedisChannel, RedisValue> ignore = static (_, _) => { };
        try
        {
            await subscriber.SubscribeAsync(channel, ignore).ConfigureAwait(false);
        }
        finally
        {
            await subscriber.UnsubscribeAsync(channel, ignore).ConfigureAwait(false);
        }
    }

    private void NoteRefused(string command, string purpose, string answer)
    {
        if (_refusedCommands.TryAdd(command, true))
        {
            Log.CommandRefused(_logger, command, purpose, answer);
        }
    }

    private string Endpoints() =>
        Redis is { } redis ? string.Join(", ", redis.GetEndPoints().Select(Format)) : "?";

    private static string Format(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString() ?? "?",
    };

    private static partial class Log
    {
        [LoggerMessage(EventIds.RedisCommandRefused, LogLevel.Error, "Redis ACL: the gateway's user may not run '{RedisCommand}', needed for {Purpose} (Redis answered: {RedisAnswer}). Grant it: see the ACL line in deploy/README.md")]
        public static partial void CommandRefused(ILogger logger, string redisCommand, string purpose, string redisAnswer);

        [LoggerMessage(EventIds.RedisMemoryPolicyEvicts, LogLevel.Warning, "Redis at {RedisEndpoint} has maxmemory-policy {MaxmemoryPolicy} (maxmemory {MaxmemoryBytes} bytes): when memory runs short it may evict lock keys, letting users through before their window ends. Set maxmemory-policy noeviction: a full Redis then refuses writes and requests follow Aup:OnStoreFailure")]
        public static partial void MemoryPolicyEvicts(ILogger logger, string redisEndpoint, string maxmemoryPolicy, string maxmemoryBytes);

        [LoggerMessage(EventIds.RedisMemoryPolicyKeepsLocks, LogLevel.Information, "Redis at {RedisEndpoint} has maxmemory-policy noeviction (maxmemory {MaxmemoryBytes} bytes, 0 = no limit): lock keys are never evicted; if memory fills, writes fail and requests follow Aup:OnStoreFailure ({OnStoreFailure})")]
        public static partial void MemoryPolicyKeepsLocks(ILogger logger, string redisEndpoint, string maxmemoryBytes, StoreFailureMode onStoreFailure);

        [LoggerMessage(EventIds.RedisMemoryPolicyUnknown, LogLevel.Information, "Redis at {RedisEndpoint}: could not read maxmemory-policy ({Reason}); make sure it is noeviction, or lock keys may be evicted early")]
        public static partial void MemoryPolicyUnknown(ILogger logger, string redisEndpoint, string reason);

        [LoggerMessage(EventIds.RedisServerCheckFailed, LogLevel.Warning, "Redis server checks did not finish")]
        public static partial void CheckFailed(ILogger logger, Exception exception);
    }
}
