-- profile.sh's load: $ROUTE (heartbeat, list_label, list_status, or a node's GET) on random nodes of
-- $UUIDS; a heartbeat carries the full report of $BEAT (wrk/beat.json)
uuids = {}
for line in io.lines(os.getenv("UUIDS")) do uuids[#uuids + 1] = line end
local route = os.getenv("ROUTE")
local file = io.open(os.getenv("BEAT")); local body = file:read("*a"); file:close()
request = function()
  local uuid = uuids[math.random(#uuids)]
  if route == "heartbeat" then
    return wrk.format("POST", "/api/v1/nodes/" .. uuid .. "/heartbeat", {["Content-Type"] = "application/json"}, body)
  elseif route == "list_label" then return wrk.format("GET", "/api/v1/nodes?limit=100&label=tier%3Dt1")
  elseif route == "list_status" then return wrk.format("GET", "/api/v1/nodes?limit=100&status=active")
  else return wrk.format("GET", "/api/v1/nodes/" .. uuid) end
end
