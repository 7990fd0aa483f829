#!/usr/bin/env python3
"""Prints every request a page opened from a file:// URL made to anything but a file, read
from a Chromium network log (--log-net-log): the URL_REQUEST_START_JOB events whose network
isolation key is the file's. The browser's own traffic (updates, time) has another key.
Usage: page_requests.py NET_LOG.json   (prints nothing when the page asked for nothing)"""
import json
import sys

text = open(sys.argv[1]).read().rstrip()
try:
    log = json.loads(text)
except json.JSONDecodeError:
    # A log Chromium did not close: its events list stops after a comma.
    log = json.loads(text.rstrip(",") + "]}")
names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
seen = []
for e in log["events"]:
    p = e.get("params", {})
    if names.get(e["type"]) != "URL_REQUEST_START_JOB":
        continue
    url = p.get("url", "")
    if str(p.get("network_isolation_key", "")).startswith("file://") and not url.startswith("file:"):
        if url not in seen:
            seen.append(url)
print("\n".join(seen))
