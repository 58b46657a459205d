"""The keys of etcd's side of a heartbeat: node:UUID for each uuid of argv[1], base64, one a line."""
import base64
import sys

for uuid in open(sys.argv[1]):
    print(base64.b64encode(("node:" + uuid.strip()).encode()).decode())
