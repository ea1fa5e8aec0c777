using System.Globalization;
using DrrsGateway.ContainerTests.Infrastructure;
using DrrsGateway.DeploymentTests.Infrastructure;
using DrrsGateway.TestSupport;
using YamlDotNet.RepresentationModel;

namespace DrrsGateway.ContainerTests.Compose;

/// <summary>
/// docker-compose.yml as docker-compose itself renders it (`docker-compose config`): variables substituted,
/// anchors merged, defaults filled in. The tests start what this says, not what they think the file says.
/// </summary>
internal sealed class ComposeProject
{
    private ComposeProject(IReadOnlyDictionary<string, ComposeService> services, string subnet)
    {
        Services = services;
        Subnet = subnet;
    }

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    /// <summary>The default network's pinned subnet.</summary>
    public string Subnet { get; }

    /// <summary>The services `docker compose up` starts: those of no profile, each after what it depends on.</summary>
    public IReadOnlyList<ComposeService> DefaultServicesInStartOrder()
    {
        var ordered = new List<ComposeService>();
        void Visit(ComposeService service)
        {
            if (ordered.Contains(service))
            {
                return;
            }

            foreach (var dependency in service.DependsOn.Keys)
            {
                Visit(Services[dependency]);
            }

            ordered.Add(service);
        }

        foreach (var service in Services.Values.Where(service => service.Profiles.Count == 0).OrderBy(service => service.Name, StringComparer.Ordinal))
        {
            Visit(service);
        }

        return ordered;
    }

    public static async Task<ComposeProject> RenderAsync(IReadOnlyDictionary<string, string> variables)
    {
        var rendered = (await Command.RunAsync(
            "docker-compose", ["--project-directory", RepositoryFiles.Root, "-f", RepositoryFiles.PathOf("docker-compose.yml"), "config"],
            TimeSpan.FromMinutes(1), variables)).EnsureSuccess();
        var stream = new YamlStream();
        stream.Load(new StringReader(rendered.Output));
        var root = stream.Documents[0].RootNode;
        var services = root.Map("services")?.Children
            .ToDictionary(entry => ((YamlScalarNode)entry.Key).Value!, entry => Service(((YamlScalarNode)entry.Key).Value!, entry.Value))
            ?? throw new InvalidOperationException("docker-compose config rendered no services.");
        var subnet = root.Items("networks", "default", "ipam", "config").Select(config => config.Str("subnet")).FirstOrDefault()
            ?? throw new InvalidOperationException("docker-compose config rendered no subnet for the default network.");
        return new ComposeProject(services, subnet);
    }

    private static ComposeService Service(string name, YamlNode node) => new(
        name,
        node.Str("image") ?? throw new InvalidOperationException($"service {name} names no image"),
        node.StringMap("environment"),
        [.. node.Strings("command")],
        [.. node.Strings("healthcheck", "test")],
        Duration(node.Str("stop_grace_period") ?? "10s"),
        node.Map("depends_on")?.Children.ToDictionary(
            entry => ((YamlScalarNode)entry.Key).Value!,
            entry => entry.Value.Str("condition") ?? "service_started") ?? [],
        [.. node.Strings("ports").Select(Port)],
        [.. node.Strings("profiles")]);

    // Compose durations as docker-compose config writes them: "30s", "1m30s", "500ms".
    private static TimeSpan Duration(string text)
    {
        var total = TimeSpan.Zero;
        var number = "";
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]) || text[i] == '.')
            {
                number += text[i];
                continue;
            }

            var value = double.Parse(number, CultureInfo.InvariantCulture);
            number = "";
            if (text[i..].StartsWith("ms", StringComparison.Ordinal))
            {
                total += TimeSpan.FromMilliseconds(value);
                i++;
            }
            else
            {
                total += text[i] switch
                {
                    'h' => TimeSpan.FromHours(value),
                    'm' => TimeSpan.FromMinutes(value),
                    's' => TimeSpan.FromSeconds(value),
                    _ => throw new FormatException($"Unknown duration unit in {text}"),
                };
            }
        }

        return total;
    }

    // "127.0.0.1:8081:8080/tcp"
    private static PublishedPort Port(string text)
    {
        var parts = text.Split('/')[0].Split(':');
        return parts.Length == 3
            ? new PublishedPort(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture))
            : throw new FormatException($"Expected address:host:container in the rendered port {text}");
    }
}
