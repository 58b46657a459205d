-- a random node
request = function() return wrk.format("GET", "/api/v1/nodes/" .. pick()) end
