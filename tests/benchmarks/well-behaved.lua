-- Scenario 3: well-behaved users, measured alone and beside a flood. Each connection sends one request,
-- then waits BENCH_DELAY_MS; each request is a user not seen before, rotating over the six operations,
-- so all are allowed (a non-2xx answer here is a bug). wrk measures latency without the delay.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "10")
local n = 0

function delay()
  return pause
end

function request()
  n = n + 1
  local operation = bench.operations[(n % #bench.operations) + 1]
  return bench.request(string.format("good-%s-%d-%d", bench.tag, id, n), operation)
end
