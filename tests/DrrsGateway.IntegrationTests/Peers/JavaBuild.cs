using System.Globalization;
using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>Compiles a Java peer from tests/peers/java into a fresh directory, as its fixture starts.</summary>
internal static class JavaBuild
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>javac the named sources of tests/peers/java/peers against <paramref name="classpath"/> into <paramref name="classes"/>.</summary>
    public static Task CompileAsync(string classes, string classpath, params string[] sourceFiles) =>
        CompileFilesAsync(classes, classpath, sourceFiles.Select(PeerTools.JavaSource));

    /// <summary>javac the source files at <paramref name="sourcePaths"/> against <paramref name="classpath"/> into <paramref name="classes"/>.</summary>
    public static async Task CompileFilesAsync(string classes, string classpath, IEnumerable<string> sourcePaths)
    {
        string[] arguments = ["-nowarn", "-encoding", "UTF-8", "-d", classes, "-cp", classpath, .. sourcePaths];
        (await ExternalCommand.RunAsync(PeerTools.Javac, arguments, Timeout)).EnsureSuccess();
    }

    /// <summary>
    /// Runs wsimport on <paramref name="wsdl"/> as a CAISO participant would, writing the client's sources, all in
    /// <paramref name="package"/> and not compiled, under <paramref name="sources"/>; returns their paths.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ImportAsync(string sources, string package, Uri wsdl)
    {
        Directory.CreateDirectory(sources);
        string[] arguments = ["-cp", JavaClasspaths.WsImport, "com.sun.tools.ws.WsImport", "-quiet", "-keep", "-Xnocompile", "-d", sources, "-p", package, wsdl.ToString()];
        var result = (await ExternalCommand.RunAsync(PeerTools.Java, arguments, Timeout)).EnsureSuccess();
        var directory = Path.Combine(sources, package.Replace('.', Path.DirectorySeparatorChar));
        var generated = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.java") : [];
        return generated.Length > 0
            ? generated
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"wsimport wrote no sources for {wsdl}: {result.Output} {result.Error}"));
    }

    /// <summary>Runs wsgen for <paramref name="serviceClass"/>, adding its request and response wrapper beans to <paramref name="classes"/>.</summary>
    public static async Task GenerateWrappersAsync(string classes, string serviceClass)
    {
        string[] arguments = ["-cp", JavaClasspaths.WsGen, "com.sun.tools.ws.WsGen", "-cp", classes, "-d", classes, serviceClass];
        var result = (await ExternalCommand.RunAsync(PeerTools.Java, arguments, Timeout)).EnsureSuccess();
        if (!Directory.EnumerateFiles(classes, "*.class", SearchOption.AllDirectories).Any(file => file.Contains("jaxws", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"wsgen wrote no wrapper beans: {result.Error}"));
        }
    }
}
