#!/usr/bin/env python3
"""Helpers of scripts/bench-forwarder: a loopback stub of POST /v1/libtlsrpt, and a datagram blaster.

stub:  answers 202 (200 for a repeated Idempotency-Key) and counts the datagrams (lines) it took.
blast: sends N datagrams, cycling through a file of them, to a Unix datagram socket as fast as the
       socket accepts them (blocking sends: the receiver's intake rate sets the pace, nothing is lost).
"""
import argparse
import http.server
import json
import socket
import sys
import threading
import time


def stub(port, count_file):
    lock = threading.Lock()
    state = {"datagrams": 0, "keys": set()}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            key = self.headers.get("Idempotency-Key")
            with lock:
                fresh = key not in state["keys"]
                if fresh:
                    state["keys"].add(key)
                    state["datagrams"] += sum(1 for line in body.split(b"\n") if line.strip())
                    with open(count_file, "w") as f:
                        f.write(str(state["datagrams"]))
            answer = json.dumps({"duplicate": not fresh}).encode()
            self.send_response(202 if fresh else 200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    with open(count_file, "w") as f:
        f.write("0")
    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


def blast(socket_path, count, datagram_file):
    with open(datagram_file, "rb") as f:
        datagrams = [line.rstrip(b"\n") for line in f if line.strip()]
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
    cycle = len(datagrams)
    start = time.monotonic()
    for i in range(count):
        s.sendto(datagrams[i % cycle], socket_path)
    elapsed = time.monotonic() - start
    print(json.dumps({"sent": count, "seconds": round(elapsed, 3), "per_second": round(count / elapsed)}))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("stub")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count-file", required=True)
    p = sub.add_parser("blast")
    p.add_argument("--socket", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--datagrams", required=True)
    args = parser.parse_args()
    if args.command == "stub":
        stub(args.port, args.count_file)
    else:
        blast(args.socket, args.count, args.datagrams)


if __name__ == "__main__":
    sys.exit(main())
