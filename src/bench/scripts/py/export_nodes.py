"""Every node of the service at argv[1] (a base URL) as it lists them, one JSON document a line."""
import json
import sys
import urllib.parse
import urllib.request

base, token = sys.argv[1], None
while True:
    query = "limit=1000" + ("&page_token=" + urllib.parse.quote(token) if token else "")
    page = json.load(urllib.request.urlopen(base + "/api/v1/nodes?" + query))
    for node in page["nodes"]:
        print(json.dumps(node, separators=(",", ":")))
    token = page.get("next_page_token")
    if not token:
        break
