#!/usr/bin/env python3
"""A scripted OpenAI-compatible model for demos and screenshots (stdlib only, loopback only).

Prints its port on stdout, then answers POST /v1/chat/completions with a streamed reply: the
session title for the title model, else the next step of a short script (a markdown answer, a
read and an edit of src/main.rs, a summary, then a bash tool call that asks permission, and its summary). The Rust tests have their own, richer
fake (crates/testkit); this one exists so scripts can drive the real app without Rust code.
"""
import itertools
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWER = (
    "Here is the plan:\n\n"
    "1. **Read** `src/main.rs`\n"
    "2. Check the build with `cargo check`\n\n"
    "```rust\nfn main() {\n    println!(\"hello\");\n}\n```\n\n"
    "It prints a greeting; nothing else runs."
)
SCRIPT = itertools.cycle(
    [
        ("text", ANSWER),
        ("read", {"filePath": "src/main.rs"}),
        ("edit", {
            "filePath": "src/main.rs",
            "oldString": '    println!("hello");',
            "newString": '    let name = std::env::args().nth(1).unwrap_or("world".into());\n'
                         '    println!("hello, {name}");',
        }),
        ("text", "Done: `main` now greets the name given on the command line."),
        ("bash", {"command": "ls src", "description": "List the source files"}),
        ("text", "The project has one source file, `src/main.rs`."),
    ]
)


def chunk(delta, finish=None):
    body = {
        "id": "chatcmpl-demo",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": "fake-model",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(body)}\n\n".encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("content-length", "0"))
        request = json.loads(self.rfile.read(length) or b"{}")
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("connection", "close")
        self.end_headers()
        if request.get("model") == "fake-title":
            steps = [chunk({"role": "assistant", "content": "Explain the demo project"}), chunk({}, "stop")]
        else:
            kind, payload = next(SCRIPT)
            if kind == "text":
                words = payload.split(" ")
                steps = [chunk({"role": "assistant", "content": w + " "}) for w in words]
                steps.append(chunk({}, "stop"))
            else:
                call = {"index": 0, "id": f"call_{kind}", "type": "function",
                        "function": {"name": kind, "arguments": json.dumps(payload)}}
                steps = [chunk({"role": "assistant", "tool_calls": [call]}), chunk({}, "tool_calls")]
        usage = {"id": "chatcmpl-demo", "object": "chat.completion.chunk", "choices": [],
                 "usage": {"prompt_tokens": 1200, "completion_tokens": 80, "total_tokens": 1280}}
        steps.append(f"data: {json.dumps(usage)}\n\n".encode())
        steps.append(b"data: [DONE]\n\n")
        for step in steps:
            self.wfile.write(step)
            self.wfile.flush()
            time.sleep(0.02)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
