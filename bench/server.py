#!/usr/bin/env python3
"""How fast `mdlinks server` answers an edit (issue 25): from didChange to
publishDiagnostics on one file, 100 edits, median and p95, beside `mdlinks
check` of the same file in the same run. Not part of `cargo test`.

    bench/server.py BINARY FILE
"""
import json, os, statistics, subprocess, sys, tempfile, time

binary, path = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
text = open(path, encoding="utf-8").read()
workdir = tempfile.mkdtemp()
server = subprocess.Popen([binary, "server"], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, cwd=workdir)


def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def receive():
    length = None
    while True:
        line = server.stdout.readline().strip()
        if not line:
            break
        if line.startswith(b"Content-Length:"):
            length = int(line.split(b":")[1])
    return json.loads(server.stdout.read(length))


def wait(predicate):
    while True:
        message = receive()
        if predicate(message):
            return message


published = lambda m: m.get("method") == "textDocument/publishDiagnostics"
send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"processId": None, "capabilities": {}}})
wait(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
uri = "file://" + path
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
wait(published)
edits = []
for i in range(100):
    # A word typed at the end of the file, as an editor sends the buffer.
    changed = text + ("\nword" * (i % 2))
    start = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2 + i},
        "contentChanges": [{"text": changed}]}})
    wait(published)
    edits.append((time.perf_counter() - start) * 1000)
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
wait(lambda m: m.get("id") == 2)
send({"jsonrpc": "2.0", "method": "exit", "params": None})
server.wait(timeout=10)

checks = []
for _ in range(20):
    start = time.perf_counter()
    subprocess.run([binary, "check", "--isolated", "--no-cache", path],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    checks.append((time.perf_counter() - start) * 1000)

edits.sort()
p95 = edits[int(len(edits) * 0.95) - 1]
print(f"{os.path.basename(path)}: {len(text.encode())} bytes")
print(f"didChange -> publishDiagnostics: median {statistics.median(edits):.1f} ms, p95 {p95:.1f} ms (100 edits)")
print(f"mdlinks check of the file (a process each): median {statistics.median(checks):.1f} ms (20 runs)")
