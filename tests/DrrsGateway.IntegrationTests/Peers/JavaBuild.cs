using System.Globalization;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>Compiles a Java peer from tests/peers/java into a fresh directory, as its fixture starts.</summary>
internal static class JavaBuild
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>javac the named sources against <paramref name="classpath"/> into <paramref name="classes"/>.</summary>
    public static async Task CompileAsync(string classes, string classpath, params string[] sourceFiles)
    {
        string[] arguments = ["-nowarn", "-encoding", "UTF-8", "-d", classes, "-cp", classpath, .. sourceFiles.Select(PeerTools.JavaSource)];
        (await PeerProcess.RunAsync(PeerTools.Javac, arguments, Timeout)).EnsureSuccess();
    }

    /// <summary>Runs wsgen for <paramref name="serviceClass"/>, adding its request and response wrapper beans to <paramref name="classes"/>.</summary>
    public static async Task GenerateWrappersAsync(string classes, string serviceClass)
    {
        string[] arguments = ["-cp", JavaClasspaths.WsGen, "com.sun.tools.ws.WsGen", "-cp", classes, "-d", classes, serviceClass];
        var result = (await PeerProcess.RunAsync(PeerTools.Java, arguments, Timeout)).EnsureSuccess();
        if (!Directory.EnumerateFiles(classes, "*.class", SearchOption.AllDirectories).Any(file => file.Contains("jaxws", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"wsgen wrote no wrapper beans: {result.Error}"));
        }
    }
}
