package peers;

import java.io.File;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat 10 with {@link OperationServlet} at /sst/runtime.asvc/*. Arguments: port controlPort.
 * Prints READY once the connector listens.
 */
public final class TomcatBackend {
    private TomcatBackend() {
    }

    public static void main(String[] args) throws Exception {
        // A failed start must end the process: the control server alone would keep it alive.
        try {
            start(args);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private static void start(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Counts.serve(Integer.parseInt(args[1]));
        File base = Files.createTempDirectory("drrs-tomcat").toFile();
        base.deleteOnExit();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(context, "drrs", new OperationServlet());
        context.addServletMapping("/sst/runtime.asvc/*", "drrs");
        tomcat.start();
        System.out.println("READY");
        System.out.flush();
        tomcat.getServer().await();
    }
}
