#!/usr/bin/env python3
"""A local HTTP server for bench/online.sh: answers every request 200 after
a fixed latency, on every 127.x.y.z address (it listens on 127.0.0.1's
whole /8 through 0.0.0.0 on loopback), and counts, per host (the address
the client connected to), the requests in flight at once. HTTP/1.1 with
keep-alive, no body. GET /__stats returns the counts as JSON.

    python3 bench/online_server.py PORT LATENCY_MS
"""

import asyncio
import json
import sys
from collections import defaultdict

PORT = int(sys.argv[1])
LATENCY = int(sys.argv[2]) / 1000

in_flight = defaultdict(int)
max_in_flight = defaultdict(int)
requests = 0
peak_total = 0
total_in_flight = 0


async def handle(reader, writer):
    global requests, peak_total, total_in_flight
    host = writer.get_extra_info("sockname")[0]
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            line = head.split(b"\r\n", 1)[0].decode()
            method, path, _ = line.split(" ", 2)
            if path == "/__stats":
                body = json.dumps(
                    {
                        "requests": requests,
                        "hosts": len(max_in_flight),
                        "max_per_host": max(max_in_flight.values(), default=0),
                        "max_total": peak_total,
                    }
                ).encode()
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + b"Content-Length: %d\r\n\r\n" % len(body)
                    + body
                )
                await writer.drain()
                continue
            requests += 1
            in_flight[host] += 1
            total_in_flight += 1
            max_in_flight[host] = max(max_in_flight[host], in_flight[host])
            peak_total = max(peak_total, total_in_flight)
            await asyncio.sleep(LATENCY)
            in_flight[host] -= 1
            total_in_flight -= 1
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(handle, "0.0.0.0", PORT, backlog=4096)
    async with server:
        await server.serve_forever()


asyncio.run(main())
