-- Scenario 5: the generic endpoint. Every request a SOAP 1.1 POST to /sst/runtime.asvc (no operation in
-- the path) with a quoted SOAPAction and a ~2.2 kB envelope (generic-envelope.xml: a WS-Security header,
-- then RetrieveDRRSLocations_v1 as the first Body child at byte ~1,930), from a user never seen before.
-- With Aup:Soap:EnvelopeCheck at Always (shipped) the gateway peeks at the envelope to key the request; off,
-- it keys it by the action. Every request is allowed and forwarded (a non-2xx answer here is a bug).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local file = assert(io.open(dir .. "generic-envelope.xml", "rb"))
local envelope = file:read("*a")
file:close()

local n = 0
function request()
  n = n + 1
  return wrk.format("POST", "/sst/runtime.asvc", {
    ["X-Drrs-User"] = string.format("generic-%s-%d-%d", bench.tag, id, n),
    ["Content-Type"] = "text/xml; charset=utf-8",
    ["SOAPAction"] = '"http://www.caiso.com/soa/RetrieveDRRSLocations_v1"',
  }, envelope)
end
