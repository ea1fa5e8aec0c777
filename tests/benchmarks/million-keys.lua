-- Memory scenario: drives BENCH_KEYS distinct users through the gateway (one new lock each). Each thread
-- stops after its share of answers and leaves a file in BENCH_DONE_DIR; run.sh then interrupts wrk
-- (wrk's -d only bounds the time: a stopped thread does not end the run by itself).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local target = tonumber(os.getenv("BENCH_KEYS") or "1000000")
local threads_total = tonumber(os.getenv("BENCH_THREADS") or "1")
local done_dir = os.getenv("BENCH_DONE_DIR")
local share, sent, answered

function init(args)
  share = math.ceil(target / threads_total)
  sent = 0
  answered = 0
end

function request()
  sent = sent + 1
  return bench.request(string.format("key-%s-%d-%d", bench.tag, id, sent), "RetrieveDRRSLocations_v1")
end

function response(status, headers, body)
  answered = answered + 1
  if answered == share then
    if done_dir then
      local marker = io.open(string.format("%s/thread-%d", done_dir, id), "w")
      if marker then marker:close() end
    end
    wrk.thread:stop()
  end
end
