"""h2load's request logs (stdin: start us, HTTP status, elapsed us a line) as one row:
"NAME MESSAGES/S P50_US P99_US NOT_200" for argv NAME SECONDS MESSAGES_PER_REQUEST."""
import sys

name, seconds, per = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
rows = [line.split() for line in sys.stdin]
ok = sorted(int(fields[2]) for fields in rows if fields[1] == "200")
pct = lambda p: ok[min(len(ok) - 1, int(p * len(ok)))] if ok else 0
print(name, int(len(ok) * per / seconds), pct(0.50), pct(0.99), len(rows) - len(ok))
