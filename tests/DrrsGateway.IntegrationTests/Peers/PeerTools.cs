namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// Where the peer stacks live on this machine. Each lookup fails with what to install instead of letting a
/// test skip: <c>bash .ci/run</c> installs all of them on a fresh Debian machine.
/// </summary>
internal static class PeerTools
{
    private const string Install = "Install it with bash .ci/run (apt: default-jdk-headless libjaxws-java libtomcat10-java python3-zeep nodejs npm; npm ci in tests/peers/node).";

    /// <summary>The repository's <c>tests/peers</c> folder: Java sources and client scripts.</summary>
    public static string PeersDirectory { get; } = FindPeersDirectory();

    public static string Java => Executable("java");

    public static string Javac => Executable("javac");

    public static string Node => Executable("node");

    /// <summary>Debian's interpreter, which has python3-zeep; a pyenv python3 earlier on PATH does not.</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : throw Missing("/usr/bin/python3");

    public static string ZeepScript => Script(Path.Combine("zeep", "drrs_client.py"));

    /// <summary>The zeep client of CAISO's named access points.</summary>
    public static string ZeepAccessPointScript => Script(Path.Combine("zeep", "caiso_client.py"));

    public static string Npm => Executable("npm");

    public static string NodeDirectory => Path.Combine(PeersDirectory, "node");

    public static string NodeScript => Script(Path.Combine("node", "drrs-client.js"));

    /// <summary>The node-soap client of CAISO's named access points.</summary>
    public static string NodeAccessPointScript => Script(Path.Combine("node", "caiso-client.js"));

    /// <summary>Whether <c>npm ci</c> has put node-soap into tests/peers/node/node_modules.</summary>
    public static bool NodeSoapInstalled => File.Exists(Path.Combine(NodeDirectory, "node_modules", "soap", "package.json"));

    public static string JavaSource(string fileName) => Script(Path.Combine("java", "peers", fileName));

    /// <summary>The hand-written CAISO client compiled against wsimport's classes (tests/peers/java/caiso).</summary>
    public static string CaisoClientSource => Script(Path.Combine("java", "caiso", "CaisoAccessPointClient.java"));

    /// <summary>Jars from <c>/usr/share/java</c>, each checked to exist.</summary>
    public static string Classpath(params string[] jars) =>
        string.Join(Path.PathSeparator, jars.Select(jar => Path.Combine("/usr/share/java", jar)).Select(path => File.Exists(path) ? path : throw Missing(path)));

    public static InvalidOperationException Missing(string what) => new($"{what} is missing. {Install}");

    private static string Script(string relativePath)
    {
        var path = Path.Combine(PeersDirectory, relativePath);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing from the repository.");
    }

    private static string Executable(string name)
    {
        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Prepend(string.IsNullOrEmpty(javaHome) ? string.Empty : Path.Combine(javaHome, "bin"));
        return candidates.Where(directory => directory.Length > 0).Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists)
            ?? throw Missing($"{name} (looked on PATH and in JAVA_HOME/bin)");
    }

    private static string FindPeersDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "peers");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No tests/peers folder above {AppContext.BaseDirectory}.");
    }
}
