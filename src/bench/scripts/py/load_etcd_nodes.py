"""Writes the nodes of argv[2] (export_nodes.py's lines) into etcd at argv[1] under sms/nodes/UUID, 128 puts a txn."""
import base64
import json
import sys
import urllib.request

url, lines = sys.argv[1] + "/v3/kv/txn", open(sys.argv[2]).read().splitlines()
b64 = lambda text: base64.b64encode(text.encode()).decode()
for i in range(0, len(lines), 128):
    puts = [{"request_put": {"key": b64("sms/nodes/" + json.loads(line)["uuid"]), "value": b64(line)}}
            for line in lines[i:i + 128]]
    request = urllib.request.Request(url, json.dumps({"success": puts}).encode(), {"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()
