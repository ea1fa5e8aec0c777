-- Shared by the scenario scripts (loaded with dofile): the request every scenario sends, thread ids, and
-- one machine-readable summary line that run.sh parses.
--
-- Environment: BENCH_TAG makes this run's user names distinct from every earlier run's (warm-ups, modes).

bench = {}

-- What a DRRS B2B call looks like: a SOAP 1.1 POST to /sst/runtime.asvc/<operation>_v1.
bench.tag = os.getenv("BENCH_TAG") or "t"
bench.operations = {
  "SubmitDRRSLocations_v1", "RetrieveDRRSLocations_v1", "RetrieveDRRSBatchStatus_v1",
  "SubmitDRRSRegistrations_v1", "RetrieveDRRSRegistrations_v1", "SubmitDRRSLocationReview_v1",
}
-- The envelope names the operation its path and action name (its first Body element is the operation
-- without its version), as a real call does: the gateway confirms that before forwarding.
local bodies = {}
local function body(operation)
  if not bodies[operation] then
    local element = operation:gsub("_v%d+$", "")
    bodies[operation] = '<?xml version="1.0" encoding="UTF-8"?>'
      .. '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">'
      .. '<soapenv:Header/><soapenv:Body><' .. element .. '/></soapenv:Body></soapenv:Envelope>'
  end
  return bodies[operation]
end

function bench.request(user, operation)
  return wrk.format("POST", "/sst/runtime.asvc/" .. operation, {
    ["X-Drrs-User"] = user,
    ["Content-Type"] = "text/xml; charset=utf-8",
    ["SOAPAction"] = "http://www.caiso.com/soa/" .. operation,
  }, body(operation))
end

-- setup() runs once per wrk thread in the main Lua state; "id" becomes a global in that thread's state.
local thread_count = 0
local threads = {}
function setup(thread)
  thread_count = thread_count + 1
  thread:set("id", thread_count)
  table.insert(threads, thread)
end

-- One line run.sh parses: totals, latency percentiles in microseconds, non-2xx answers (the refusals)
-- and socket errors, which a clean run never has.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write, e.timeout))
end
