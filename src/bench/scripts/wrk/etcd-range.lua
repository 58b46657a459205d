-- etcd's side of a listing: $LIMIT of the nodes stored under sms/nodes/, as the service serves them
local body = string.format('{"key":"%s","range_end":"%s","limit":%d}',
  "c21zL25vZGVzLw==", "c21zL25vZGVzMA==", tonumber(os.getenv("LIMIT"))) -- sms/nodes/ and sms/nodes0, base64
request = function() return wrk.format("POST", "/v3/kv/range", nil, body) end
