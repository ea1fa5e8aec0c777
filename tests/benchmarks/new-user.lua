-- Scenario 1 (and 4, against the backend): every request from a user never seen before, so every
-- request is an allowed decision that writes a new lock to the store and is forwarded.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local n = 0
function request()
  n = n + 1
  return bench.request(string.format("new-%s-%d-%d", bench.tag, id, n), "RetrieveDRRSLocations_v1")
end
