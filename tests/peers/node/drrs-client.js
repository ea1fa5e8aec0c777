'use strict';
// node-soap as a DRRS caller of the gateway.
// Usage: node drrs-client.js <gateway-url> <user> <operation> [<operation> ...]
// Builds the client from the gateway's ?wsdl (identity header on the WSDL requests too), points it at the
// gateway (the WSDL's soap:address names the backend), calls the operations in order and prints one JSON
// object with each call's result or fault.
const soap = require('soap');

async function main(gateway, user, operations) {
  const report = { built: false, calls: [] };
  let client;
  try {
    client = await soap.createClientAsync(`${gateway}/sst/runtime.asvc?wsdl`, { wsdl_headers: { 'X-Drrs-User': user } });
    client.setEndpoint(`${gateway}/sst/runtime.asvc`);
    client.addHttpHeader('X-Drrs-User', user);
    report.built = true;
  } catch (error) {
    report.error = String(error && error.message ? error.message : error);
    return report;
  }
  for (const operation of operations) {
    const call = { operation };
    try {
      const [result] = await client[`${operation}Async`]({ request: 'peer' });
      call.result = result && result.return;
    } catch (error) {
      const fault = error && error.root && error.root.Envelope && error.root.Envelope.Body && error.root.Envelope.Body.Fault;
      if (fault) {
        call.fault = fault.faultstring;
        call.faultCode = fault.faultcode;
      } else {
        call.error = String(error && error.message ? error.message : error);
      }
      call.status = error && error.response ? error.response.status : undefined;
    }
    report.calls.push(call);
  }
  return report;
}

main(process.argv[2].replace(/\/$/, ''), process.argv[3], process.argv.slice(4))
  .then((report) => process.stdout.write(`${JSON.stringify(report)}\n`))
  .catch((error) => { process.stderr.write(`${error && error.stack ? error.stack : error}\n`); process.exit(1); });
