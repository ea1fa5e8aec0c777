namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>The Debian jars (under /usr/share/java) each Java peer needs on Java 17, which ships no JAX-WS.</summary>
internal static class JavaClasspaths
{
    /// <summary>
    /// JAX-WS RI 2.3 (javax.xml.ws) and what it loads. Metro monitoring (gmbal) finds no glassfish-pfl and
    /// starts without monitoring, which keeps start-up near one second.
    /// </summary>
    public static string JaxwsRuntime => PeerTools.Classpath(
        "jaxws-rt.jar", "jaxws-api.jar", "jws-api.jar", "jaxb-api.jar", "jaxb-runtime.jar", "jaxb-core.jar",
        "javax.activation.jar", "javax.xml.soap-api.jar", "saaj-impl.jar", "streambuffer.jar", "stax-ex.jar",
        "mimepull.jar", "metro-policy.jar", "gmbal.jar", "glassfish-management-api.jar", "FastInfoset.jar",
        "woodstox-core.jar", "stax2-api.jar", "geronimo-annotation-1.3-spec.jar");

    /// <summary>
    /// wsgen, which writes the wrapper beans ahead of time: Debian's jaxws-rt lacks the repackaged ASM that
    /// JAX-WS RI would use to generate them at run time.
    /// </summary>
    public static string WsGen => Tools("jaxb-jxc.jar");

    /// <summary>wsimport, which generates a client from a WSDL; XJC binds the WSDL's schemas to beans.</summary>
    public static string WsImport => Tools("jaxb-xjc.jar");

    /// <summary>Embedded Tomcat 10 (jakarta.servlet).</summary>
    public static string Tomcat => PeerTools.Classpath(
        "tomcat10-catalina.jar", "tomcat10-coyote.jar", "tomcat10-util.jar", "tomcat10-util-scan.jar", "tomcat10-juli.jar",
        "tomcat10-servlet-api.jar", "tomcat10-annotations-api.jar", "tomcat10-jaspic-api.jar", "tomcat10-api.jar", "tomcat10-jni.jar");

    /// <summary>JAX-WS RI's tools (jaxws-tools.jar) with the JAXB tool <paramref name="jaxbTool"/> they drive, on the runtime.</summary>
    private static string Tools(string jaxbTool) => string.Join(Path.PathSeparator, PeerTools.Classpath("jaxws-tools.jar", jaxbTool), JaxwsRuntime);
}
