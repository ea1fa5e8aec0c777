package peers;

import javax.xml.ws.Endpoint;
import javax.xml.ws.soap.SOAPBinding;

/**
 * JAX-WS RI on its JDK-httpserver transport: the DRRS service published at /sst/runtime.asvc (SOAP 1.1)
 * and /sst/soap12/runtime.asvc (SOAP 1.2), and the bare-style service at /sst/bare/runtime.asvc. Arguments: soapPort controlPort. Prints READY when all three answer.
 */
public final class JaxwsBackend {
    private JaxwsBackend() {
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
        Endpoint.publish("http://127.0.0.1:" + port + "/sst/runtime.asvc", new DrrsService());
        Endpoint.create(SOAPBinding.SOAP12HTTP_BINDING, new DrrsService()).publish("http://127.0.0.1:" + port + "/sst/soap12/runtime.asvc");
        Endpoint.publish("http://127.0.0.1:" + port + "/sst/bare/runtime.asvc", new DrrsBareService());
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}
