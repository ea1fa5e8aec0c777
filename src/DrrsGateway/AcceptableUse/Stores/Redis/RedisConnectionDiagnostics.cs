namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// What the gateway learnt about failed connections to Redis that the client library does not say: why a
/// server certificate was refused. Logs each new reason at once, a repeated one at most once a minute (the
/// client retries every second).
/// </summary>
internal sealed partial class RedisConnectionDiagnostics(TimeProvider time, ILogger<RedisConnectionDiagnostics> logger)
{
    internal static readonly TimeSpan RepeatInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private string? _lastLogged;
    private DateTimeOffset _lastLoggedAt;

    /// <summary>Whether the connection uses TLS, as the settings and the connection string decided.</summary>
    public bool TlsEnabled { get; set; }

    /// <summary>Whether the connection string carries a password.</summary>
    public bool PasswordConfigured { get; set; }

    /// <summary>Whether a client certificate is presented.</summary>
    public bool ClientCertificateConfigured { get; set; }

    /// <summary>
    /// The options the gateway's connection was made with (TLS callbacks included), for the short-lived second
    /// connection the server checks send raw commands on.
    /// </summary>
    public StackExchange.Redis.ConfigurationOptions? ConnectionOptions { get; set; }

    /// <summary>
    /// A short-lived second connection made with <see cref="ConnectionOptions"/> for raw commands (INFO memory,
    /// the ACL probes), so the gateway's own connection never needs SELECT; null without options. Client 3.x
    /// refuses even a raw INFO outside admin mode, a client-side gate only: this connection sends nothing else.
    /// Not cut short: with AbortOnConnectFail off it returns within the options' ConnectTimeout.
    /// </summary>
    public async Task<StackExchange.Redis.ConnectionMultiplexer?> OpenSideConnectionAsync()
    {
        if (ConnectionOptions is not { } original)
        {
            return null;
        }

        var options = original.Clone();
        options.AbortOnConnectFail = false;
        options.AllowAdmin = true;
        return await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
    }

    /// <summary>The last reason a server certificate was refused; null once one was accepted.</summary>
    public string? ServerCertificateProblem { get; private set; }

    public void ServerCertificateAccepted() => ServerCertificateProblem = null;

    public void ServerCertificateRefused(string host, string problem)
    {
        ServerCertificateProblem = problem;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (string.Equals(_lastLogged, problem, StringComparison.Ordinal) && now - _lastLoggedAt < RepeatInterval)
            {
                return;
            }

            _lastLogged = problem;
            _lastLoggedAt = now;
        }

        Log.ServerCertificateRefused(logger, host, problem);
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.RedisServerCertificateRefused, LogLevel.Error, "Redis TLS: refused the server certificate of {RedisHost}: {Reason}. Not connected")]
        public static partial void ServerCertificateRefused(ILogger logger, string redisHost, string reason);
    }
}
