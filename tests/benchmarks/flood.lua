-- Scenario 2: one user flooding one service. The first request is allowed; every later one is refused
-- (429) and restarts the window, so the flood never gets through again.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local req
function init(args)
  req = bench.request("flood-" .. bench.tag, "SubmitDRRSLocations_v1")
end

function request()
  return req
end
