#!/usr/bin/env python3
"""A tiny MCP server over stdio, for tests: one tool, `echo`, that answers its `text` back.

Plain JSON-RPC 2.0, one message per line (MCP's stdio transport): initialize, tools/list,
tools/call, ping; notifications are read and ignored. No SDK, so it runs on any Python 3.
With `--fail` it exits at once with a message on stderr, as a broken server would.
"""
import json
import sys

TOOL = {
    "name": "echo",
    "description": "Answers the text it is given (a test fixture).",
    "inputSchema": {
        "type": "object",
        "properties": {"text": {"type": "string"}},
        "required": ["text"],
    },
}


def answer(request):
    method = request.get("method")
    params = request.get("params") or {}
    if method == "initialize":
        return {
            "protocolVersion": params.get("protocolVersion", "2024-11-05"),
            "capabilities": {"tools": {}},
            "serverInfo": {"name": "echo-fixture", "version": "1.0.0"},
        }
    if method == "tools/list":
        return {"tools": [TOOL]}
    if method == "tools/call":
        text = (params.get("arguments") or {}).get("text", "")
        return {"content": [{"type": "text", "text": f"echo: {text}"}]}
    if method == "ping":
        return {}
    return None


def main():
    if "--fail" in sys.argv:
        sys.stderr.write("echo fixture: told to fail\n")
        sys.exit(3)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request = json.loads(line)
        if "id" not in request:
            continue  # a notification (notifications/initialized...)
        result = answer(request)
        if result is None:
            reply = {"error": {"code": -32601, "message": "method not found"}}
        else:
            reply = {"result": result}
        reply.update({"jsonrpc": "2.0", "id": request["id"]})
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
