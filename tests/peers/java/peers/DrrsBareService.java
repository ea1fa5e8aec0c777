package peers;

import javax.annotation.Resource;
import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;
import javax.jws.soap.SOAPBinding;
import javax.xml.ws.WebServiceContext;

/**
 * Two DRRS operations in document/literal bare style, whose Body elements are named after the request
 * (RetrieveDRRSLocationsRequest), not the operation: JAX-WS RI maps the element to the operation itself, so a
 * gateway that only knows operation names cannot tell from the body what will run.
 */
@WebService(serviceName = "DrrsBareService", portName = "DrrsBarePort", targetNamespace = DrrsService.NAMESPACE)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
public class DrrsBareService {
    @Resource
    private WebServiceContext context;

    @WebMethod(operationName = "RetrieveDRRSLocations_v1", action = "http://www.caiso.com/soa/RetrieveDRRSLocations_v1")
    @WebResult(name = "RetrieveDRRSLocationsResponse", targetNamespace = DrrsService.NAMESPACE)
    public String retrieveLocations(@WebParam(name = "RetrieveDRRSLocationsRequest", targetNamespace = DrrsService.NAMESPACE) String request) {
        return DrrsService.run(context, "RetrieveDRRSLocations_v1");
    }

    @WebMethod(operationName = "SubmitDRRSLocations_v1", action = "http://www.caiso.com/soa/SubmitDRRSLocations_v1")
    @WebResult(name = "SubmitDRRSLocationsResponse", targetNamespace = DrrsService.NAMESPACE)
    public String submitLocations(@WebParam(name = "SubmitDRRSLocationsRequest", targetNamespace = DrrsService.NAMESPACE) String request) {
        return DrrsService.run(context, "SubmitDRRSLocations_v1");
    }
}
