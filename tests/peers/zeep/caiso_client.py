"""zeep (Debian python3-zeep) as a caller of CAISO's named access points through the gateway.

Usage: /usr/bin/python3 caiso_client.py <gateway-url> <user> <access-point> [<access-point> ...]

Each argument is one call: the access point's only operation, with its request element empty (a
RequestDRRegistrationData for the retrieves). The client of each access point is built from
<gateway>/sst/drrs/<access-point>?wsdl with the user's identity header, its binding pointed at the gateway.
Prints one JSON object: the documents zeep loaded and, per call, the Body element sent and the answer's
elements, or the fault with its StandardOutput detail read through the WSDL's schema.
"""
import json
import sys

import requests
import zeep
import zeep.exceptions
import zeep.plugins

from drrs_client import RecordingTransport

STANDARD_OUTPUT = "{http://www.caiso.com/soa/StandardOutput_v1.xsd#}StandardOutput"


class LastSent(zeep.plugins.Plugin):
    """The envelope of the last request, or None when the call never sent one."""

    def __init__(self):
        self.envelope = None

    def egress(self, envelope, http_headers, operation, binding_options):
        self.envelope = envelope
        return envelope, http_headers


def build(gateway, access_point, transport, sent):
    address = "%s/sst/drrs/%s" % (gateway, access_point)
    client = zeep.Client(address + "?wsdl", transport=transport, plugins=[sent])
    binding = next(iter(client.wsdl.bindings))
    service = client.create_service(binding, address)
    (operation,) = client.wsdl.bindings[binding].all()
    return client, getattr(service, operation), operation


def detail_of(client, fault):
    """The StandardOutput entry of the fault's detail, parsed as the WSDL's fault part declares it."""
    node = fault.detail.find(STANDARD_OUTPUT) if fault.detail is not None else None
    if node is None:
        return None
    event = client.get_element(STANDARD_OUTPUT).parse(node, client.wsdl.types).MessagePayload.EventLog.Event
    return {"description": event.description, "id": event.id, "result": event.result}


def call(client, operation, sent):
    result = {}
    try:
        answer = operation()
        result["result"] = " ".join(local_name(element) for element in answer or [])
    except zeep.exceptions.Fault as fault:
        result["fault"] = fault.message
        result["faultCode"] = fault.code
        result["detail"] = detail_of(client, fault)
    except Exception as error:
        result["error"] = "%s: %s" % (type(error).__name__, error)
    if sent.envelope is not None:
        body = sent.envelope.find("{http://schemas.xmlsoap.org/soap/envelope/}Body")
        result["request"] = local_name(body[0]) if len(body) else ""
    return result


def local_name(element):
    return element.tag.split("}")[-1] if isinstance(element.tag, str) else str(element)


def main(gateway, user, access_points):
    session = requests.Session()
    session.headers["X-Drrs-User"] = user
    transport = RecordingTransport(session)
    sent = LastSent()
    report = {"built": False, "loaded": transport.loaded, "calls": []}
    clients = {}
    try:
        for access_point in access_points:
            if access_point not in clients:
                clients[access_point] = build(gateway, access_point, transport, sent)
        report["built"] = True
    except Exception as error:  # the test reports whatever stopped the build
        report["error"] = "%s: %s" % (type(error).__name__, error)
        return report
    for access_point in access_points:
        client, operation, name = clients[access_point]
        sent.envelope = None
        report["calls"].append(dict(operation=name, accessPoint=access_point, **call(client, operation, sent)))
    return report


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3:])))
