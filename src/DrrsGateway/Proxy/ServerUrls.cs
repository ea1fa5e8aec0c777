using System.Globalization;
using DrrsGateway.Management;

namespace DrrsGateway.Proxy;

/// <summary>
/// The addresses Kestrel listens on when a management port is added: the ones it would have used anyway
/// (<c>urls</c>, else <c>http_ports</c>/<c>https_ports</c>, else its default), plus the management port.
/// </summary>
internal static class ServerUrls
{
    /// <summary>Kestrel's address when nothing is configured.</summary>
    internal const string KestrelDefault = "http://localhost:5000";

    /// <summary>
    /// Returns the <c>urls</c> value serving both the proxy and <paramref name="managementPort"/>; throws when
    /// the management port is one the proxy already uses, since one port cannot be both.
    /// </summary>
    public static string WithManagementPort(string? urls, string? httpPorts, string? httpsPorts, int managementPort)
    {
        var proxy = ProxyUrls(urls, httpPorts, httpsPorts);
        foreach (var url in proxy)
        {
            if (BindingAddress.Parse(url).Port == managementPort)
            {
                throw new InvalidOperationException(
                    $"{ManagementExtensions.PortSetting} is {managementPort}, a port the gateway already proxies on ({url}); choose another port.");
            }
        }

        return string.Join(';', [.. proxy, "http://*:" + managementPort.ToString(CultureInfo.InvariantCulture)]);
    }

    // The precedence Kestrel applies: urls wins over the port lists, which win over the default.
    private static List<string> ProxyUrls(string? urls, string? httpPorts, string? httpsPorts)
    {
        var list = Split(urls);
        if (list.Count > 0)
        {
            return list;
        }

        list.AddRange(Split(httpPorts).Select(port => "http://*:" + port));
        list.AddRange(Split(httpsPorts).Select(port => "https://*:" + port));
        return list.Count > 0 ? list : [KestrelDefault];
    }

    private static List<string> Split(string? value) =>
        [.. (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
