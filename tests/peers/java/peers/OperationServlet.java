package peers;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A path-routed DRRS: the operation is the servlet path info (Tomcat has already removed ;jsessionid=…
 * and other path parameters). Operation names match case-insensitively, the worst case for a gateway.
 */
public final class OperationServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String[] OPERATIONS = {
        "SubmitDRRSLocations_v1", "RetrieveDRRSLocations_v1", "RetrieveDRRSBatchStatus_v1",
        "SubmitDRRSRegistrations_v1", "RetrieveDRRSRegistrations_v1", "SubmitDRRSLocationReview_v1",
    };

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String requested = pathInfo.startsWith("/") ? pathInfo.substring(1) : pathInfo;
        request.getInputStream().readAllBytes();
        Counts.received(request.getHeader("X-Drrs-User"));
        for (String operation : OPERATIONS) {
            if (operation.equalsIgnoreCase(requested)) {
                Counts.executed(request.getHeader("X-Drrs-User"), operation);
                answer(response, 200, "<d:" + operation + "Response xmlns:d=\"http://www.caiso.com/soa/drrs/\"><return>executed "
                    + operation + "</return></d:" + operation + "Response>");
                return;
            }
        }
        answer(response, 500, "<s:Fault><faultcode>s:Client</faultcode><faultstring>Unknown operation</faultstring></s:Fault>");
    }

    private static void answer(HttpServletResponse response, int status, String body) throws IOException {
        byte[] envelope = ("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>" + body + "</s:Body></s:Envelope>")
            .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/xml; charset=utf-8");
        response.setContentLength(envelope.length);
        response.getOutputStream().write(envelope);
    }
}
