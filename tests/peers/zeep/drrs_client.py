"""zeep (Debian python3-zeep) as a DRRS caller of the gateway.

Usage: /usr/bin/python3 drrs_client.py <gateway-url> <user> <operation> [<operation> ...]

Builds the client from the gateway's ?wsdl with the user's identity header on every request, points the
binding at the gateway (the WSDL's soap:address names the backend: the gateway forwards the backend's Host),
calls the operations in order and prints one JSON object: the documents zeep loaded and each call's
result or fault.
"""
import json
import sys

import requests
import zeep
import zeep.exceptions
import zeep.transports

BINDING = "{http://www.caiso.com/soa/drrs/}DrrsPortBinding"


class RecordingTransport(zeep.transports.Transport):
    """Remembers every WSDL/XSD document zeep fetched, to show which went through the gateway."""

    def __init__(self, session):
        super().__init__(session=session, timeout=20, operation_timeout=20)
        self.loaded = []

    def load(self, url):
        self.loaded.append(url)
        return super().load(url)


def main(gateway, user, operations):
    session = requests.Session()
    session.headers["X-Drrs-User"] = user
    transport = RecordingTransport(session)
    report = {"built": False, "loaded": transport.loaded, "calls": []}
    try:
        client = zeep.Client(gateway + "/sst/runtime.asvc?wsdl", transport=transport)
        service = client.create_service(BINDING, gateway + "/sst/runtime.asvc")
        report["built"] = True
    except Exception as error:  # the test reports whatever stopped the build
        report["error"] = "%s: %s" % (type(error).__name__, error)
        return report
    for operation in operations:
        call = {"operation": operation}
        try:
            call["result"] = getattr(service, operation)(request="peer")
        except zeep.exceptions.Fault as fault:
            call["fault"] = fault.message
            call["faultCode"] = fault.code
        except Exception as error:
            call["error"] = "%s: %s" % (type(error).__name__, error)
        report["calls"].append(call)
    return report


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3:])))
