-- what warms the JVM before a measurement: beats, reads and every kind of listing
local paths = {"/q/health/live", "/api/v1/nodes?limit=100", "/api/v1/nodes?limit=100&label=tier%3Dt1",
  "/api/v1/nodes?limit=100&status=active", "/api/v1/nodes?limit=100&status=active&label=tier%3Dt1",
  "/api/v1/cluster/stats"}
local beat = '{"health_info":{"disk":"ok"},"resource":{"cpu_usage_percent":42.5,"memory_usage_percent":61.0}}'
request = function()
  local r = math.random(10)
  if r <= 4 then
    return wrk.format("POST", "/api/v1/nodes/" .. pick() .. "/heartbeat", {["Content-Type"] = "application/json"}, beat)
  elseif r <= 6 then return wrk.format("GET", "/api/v1/nodes/" .. pick())
  else return wrk.format("GET", paths[math.random(#paths)]) end
end
