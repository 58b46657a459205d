-- Shared by http.sh's wrk scripts (prepended to each): the nodes to pick from ($UUIDS, a uuid a
-- line) and the report every run ends with: "RESULT <requests/s> <p50 us> <p99 us> <non-2xx>".
uuids = {}
for line in io.lines(os.getenv("UUIDS")) do uuids[#uuids + 1] = line end
math.randomseed(os.time())
function pick() return uuids[math.random(#uuids)] end
bad = 0
function response(status, headers, body) if status >= 300 then bad = bad + 1 end end
function done(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.0f %.0f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), summary.errors.status))
end
