package peers;

import java.util.List;
import java.util.Map;
import javax.annotation.Resource;
import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebService;
import javax.xml.ws.WebServiceContext;
import javax.xml.ws.handler.MessageContext;

/**
 * The six DRRS operations as one document/literal wrapped JAX-WS service. Each method records that it
 * ran, so a test can tell which operation JAX-WS RI dispatched a request to.
 */
@WebService(serviceName = "DrrsService", portName = "DrrsPort", targetNamespace = DrrsService.NAMESPACE)
public class DrrsService {
    public static final String NAMESPACE = "http://www.caiso.com/soa/drrs/";

    @Resource
    private WebServiceContext context;

    @WebMethod(operationName = "SubmitDRRSLocations_v1", action = "http://www.caiso.com/soa/SubmitDRRSLocations_v1")
    public String submitLocations(@WebParam(name = "request") String request) {
        return run("SubmitDRRSLocations_v1");
    }

    @WebMethod(operationName = "RetrieveDRRSLocations_v1", action = "http://www.caiso.com/soa/RetrieveDRRSLocations_v1")
    public String retrieveLocations(@WebParam(name = "request") String request) {
        return run("RetrieveDRRSLocations_v1");
    }

    @WebMethod(operationName = "RetrieveDRRSBatchStatus_v1", action = "http://www.caiso.com/soa/RetrieveDRRSBatchStatus_v1")
    public String retrieveBatchStatus(@WebParam(name = "request") String request) {
        return run("RetrieveDRRSBatchStatus_v1");
    }

    @WebMethod(operationName = "SubmitDRRSRegistrations_v1", action = "http://www.caiso.com/soa/SubmitDRRSRegistrations_v1")
    public String submitRegistrations(@WebParam(name = "request") String request) {
        return run("SubmitDRRSRegistrations_v1");
    }

    @WebMethod(operationName = "RetrieveDRRSRegistrations_v1", action = "http://www.caiso.com/soa/RetrieveDRRSRegistrations_v1")
    public String retrieveRegistrations(@WebParam(name = "request") String request) {
        return run("RetrieveDRRSRegistrations_v1");
    }

    @WebMethod(operationName = "SubmitDRRSLocationReview_v1", action = "http://www.caiso.com/soa/SubmitDRRSLocationReview_v1")
    public String submitLocationReview(@WebParam(name = "request") String request) {
        return run("SubmitDRRSLocationReview_v1");
    }

    private String run(String operation) {
        return run(context, operation);
    }

    /** Records that the operation ran for the request's user and answers so. */
    static String run(WebServiceContext context, String operation) {
        Counts.executed(user(context), operation);
        return "executed " + operation;
    }

    @SuppressWarnings("unchecked")
    private static String user(WebServiceContext context) {
        Map<String, List<String>> headers = (Map<String, List<String>>) context.getMessageContext().get(MessageContext.HTTP_REQUEST_HEADERS);
        if (headers != null) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if ("X-Drrs-User".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                    return header.getValue().get(0);
                }
            }
        }
        return "";
    }
}
