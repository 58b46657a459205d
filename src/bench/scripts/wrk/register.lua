-- a new node each time, its uuid chosen by the service
request = function()
  return wrk.format("POST", "/api/v1/nodes", {["Content-Type"] = "application/json"},
    '{"ip_address":"10.9.0.1","port":7000,"metadata":{"zone":"bench"}}')
end
