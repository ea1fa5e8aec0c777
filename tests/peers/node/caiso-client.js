'use strict';
// node-soap as a caller of CAISO's named access points through the gateway.
// Usage: node caiso-client.js <gateway-url> <user> <access-point> [<access-point> ...]
// Each argument is one call: the access point's only operation, with its request element empty (a
// RequestDRRegistrationData for the retrieves). The client of each access point is built from
// <gateway>/sst/drrs/<access-point>?wsdl (identity header on the WSDL request too) and pointed at the gateway.
// Prints one JSON object: per call, the Body element sent and the answer's elements, or the fault with the
// description, id and result of its StandardOutput detail as node-soap parsed them.
const soap = require('soap');

async function build(gateway, user, accessPoint) {
  const address = `${gateway}/sst/drrs/${accessPoint}`;
  const client = await soap.createClientAsync(`${address}?wsdl`, { wsdl_headers: { 'X-Drrs-User': user } });
  client.setEndpoint(address);
  client.addHttpHeader('X-Drrs-User', user);
  const [service] = Object.values(client.describe());
  const [port] = Object.values(service);
  const [operation] = Object.keys(port);
  return { client, operation };
}

// The local name of the first element inside the SOAP Body of what node-soap last sent.
function sentBodyElement(client) {
  const match = /<(?:[\w.-]+:)?Body[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(client.lastRequest || '');
  return match ? match[1] : undefined;
}

async function call({ client, operation }) {
  const result = { operation };
  client.lastRequest = undefined;
  try {
    const [answer] = await client[`${operation}Async`]({});
    result.result = Object.keys(answer || {}).join(' ');
  } catch (error) {
    const fault = error?.root?.Envelope?.Body?.Fault;
    if (fault) {
      const event = fault.detail?.StandardOutput?.MessagePayload?.EventLog?.Event;
      result.fault = fault.faultstring;
      result.faultCode = fault.faultcode;
      result.detail = event ? { description: event.description, id: event.id, result: event.result } : null;
    } else {
      result.error = String(error?.message ?? error);
    }
    result.status = error?.response?.status;
  }
  result.request = sentBodyElement(client);
  return result;
}

async function main(gateway, user, accessPoints) {
  const report = { built: false, calls: [] };
  const clients = new Map();
  try {
    for (const accessPoint of accessPoints) {
      if (!clients.has(accessPoint)) {
        clients.set(accessPoint, await build(gateway, user, accessPoint));
      }
    }
    report.built = true;
  } catch (error) {
    report.error = String(error?.message ?? error);
    return report;
  }
  for (const accessPoint of accessPoints) {
    report.calls.push({ accessPoint, ...await call(clients.get(accessPoint)) });
  }
  return report;
}

main(process.argv[2].replace(/\/$/, ''), process.argv[3], process.argv.slice(4))
  .then((report) => process.stdout.write(`${JSON.stringify(report)}\n`))
  .catch((error) => { process.stderr.write(`${error && error.stack ? error.stack : error}\n`); process.exit(1); });
