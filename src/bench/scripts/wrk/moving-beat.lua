-- heartbeats to random nodes of $UUIDS (a file, a uuid a line) whose report's figures are new each
-- time, as an agent's are: each beat moves the figures' index entries
uuids = {}
for line in io.lines(os.getenv("UUIDS")) do uuids[#uuids + 1] = line end
math.randomseed(os.time())
request = function()
  local body = string.format('{"resource":{"cpu_usage_percent":%.1f,"memory_usage_percent":%.1f,' ..
    '"total_memory_bytes":68719476736,"used_memory_bytes":41875931136,"available_memory_bytes":%d,' ..
    '"disk_usage_percent":%.1f,"total_disk_bytes":1099511627776,"used_disk_bytes":439804651110,' ..
    '"network_rx_bytes_per_sec":125000,"network_tx_bytes_per_sec":80000,"load_average_1m":%.2f,' ..
    '"load_average_5m":1.5,"load_average_15m":1.2}}',
    math.random() * 100, math.random() * 100, math.random(1, 68719476736), math.random() * 100, math.random() * 8)
  return wrk.format("POST", "/api/v1/nodes/" .. uuids[math.random(#uuids)] .. "/heartbeat",
    {["Content-Type"] = "application/json"}, body)
end
