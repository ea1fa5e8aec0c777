-- Mixed soak load: mostly new users (each a fresh lock), some repeat offenders (refusals), over six
-- DRRS operations. Distinct users grow without bound, so the embedded store must reclaim expired locks.
local counter = 0
local operations = {
  "SubmitDRRSLocations_v1", "RetrieveDRRSLocations_v1", "RetrieveDRRSBatchStatus_v1",
  "SubmitDRRSRegistrations_v1", "RetrieveDRRSRegistrations_v1", "SubmitDRRSLocationReview_v1",
}

function setup(thread)
  thread:set("id", tostring(math.random(1, 1e9)))
end

function request()
  counter = counter + 1
  local user
  if counter % 5 == 0 then
    user = "offender-" .. (counter % 50)
  else
    user = "soak-" .. id .. "-" .. counter
  end
  local operation = operations[(counter % #operations) + 1]
  return wrk.format("POST", "/sst/runtime.asvc/" .. operation,
    { ["X-Drrs-User"] = user, ["Content-Type"] = "text/xml" }, "<soap/>")
end
