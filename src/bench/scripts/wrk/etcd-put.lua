-- etcd's side of a heartbeat, through its v3 JSON gateway: a node's key ($ETCD_KEYS, base64, one a
-- line) and a report-sized value ($ETCD_VALUE, base64)
local keys = {}
for line in io.lines(os.getenv("ETCD_KEYS")) do keys[#keys + 1] = line end
local value = os.getenv("ETCD_VALUE")
request = function()
  return wrk.format("POST", "/v3/kv/put", nil, '{"key":"' .. keys[math.random(#keys)] .. '","value":"' .. value .. '"}')
end
