-- a heartbeat with a full report (wrk/beat.json, or the file $BEAT) to a random node
local file = io.open(os.getenv("BEAT")); local body = file:read("*a"); file:close()
request = function()
  return wrk.format("POST", "/api/v1/nodes/" .. pick() .. "/heartbeat", {["Content-Type"] = "application/json"}, body)
end
