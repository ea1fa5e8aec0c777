namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// One Redis command the gateway (or its client library) sends, as an ACL rule names it, and why.
/// </summary>
/// <param name="Name">The command as ACL rules write it, lower case: <c>set</c>, <c>client|setname</c>.</param>
/// <param name="Purpose">What the gateway needs it for, in the words the start-up check logs.</param>
/// <param name="Probe">
/// A harmless way to send it raw (<c>{key}</c> stands for a key no lock can have), that Redis argues with only
/// after its ACL passed the command; null when the command is checked otherwise (the handshake, pub/sub).
/// </param>
/// <param name="SinceRedis">The first Redis version that has it; older versions refuse to name it in an ACL rule.</param>
internal sealed record RedisAclCommand(string Name, string Purpose, string[]? Probe = null, Version? SinceRedis = null)
{
    /// <summary>The placeholder for the probe key in <see cref="Probe"/>.</summary>
    public const string ProbeKey = "{key}";

    /// <summary>Whether a Redis of <paramref name="serverVersion"/> knows the command.</summary>
    public bool ExistsOn(Version serverVersion) => SinceRedis is null || serverVersion >= SinceRedis;

    /// <summary>The probe's arguments with <paramref name="key"/> in place of <see cref="ProbeKey"/>.</summary>
    public object[] ProbeArguments(string key) =>
        [.. (Probe ?? [])[1..].Select(argument => argument == ProbeKey ? key : argument)];
}
