"""A local stand-in for an OpenAI-compatible model server (as Ollama, llama.cpp's server or
vLLM answer ``POST /v1/chat/completions``), for tests: it records each request and answers
as told: a recorded completion, a slow answer, malformed JSON, an HTTP error or a redirect."""

import contextlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The shape of a real answer from Ollama's OpenAI-compatible endpoint.
RECORDED = {
    "id": "chatcmpl-417",
    "object": "chat.completion",
    "created": 1764763200,
    "model": "llama3.2:3b",
    "system_fingerprint": "fp_ollama",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "{content}"},
            "finish_reason": "stop",
        }
    ],
    "usage": {"prompt_tokens": 182, "completion_tokens": 31, "total_tokens": 213},
}


NOT_FOUND = b'{"error": "model \\"tiny\\" not found, try pulling it"}'


def completion(content: str) -> bytes:
    answer = json.loads(json.dumps(RECORDED))
    answer["choices"][0]["message"]["content"] = content
    return json.dumps(answer).encode()


class FakeModel:
    def __init__(self):
        self.requests: list[dict] = []
        self.reply = "A suggestion."
        self.mode = "ok"  # ok, slow, malformed, error, no_choices, redirect
        self.redirect_to = ""
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        # Polled every 10 ms: shutdown() waits for the next poll (0.5 s by default).
        threading.Thread(target=self.server.serve_forever, args=(0.01,), daemon=True).start()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "json": json.loads(body)}
                )
                if fake.mode == "slow":
                    time.sleep(2)
                    return self._send(200, completion("too late"))
                if fake.mode == "malformed":
                    return self._send(200, b'{"choices": [{"message": {"content": "unfinished')
                if fake.mode == "no_choices":
                    return self._send(200, b'{"object": "chat.completion", "choices": []}')
                if fake.mode == "error":
                    return self._send(
                        500, b'{"error": "model \\"tiny\\" not found, try pulling it"}'
                    )
                if fake.mode == "redirect":
                    self.send_response(307)
                    self.send_header("Location", fake.redirect_to)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                return self._send(200, completion(fake.reply))

            def _send(self, status: int, payload: bytes):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                # The client may have given up already (the timeout test).
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(payload)

        return Handler

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def previewed(response) -> str:
    """The fingerprint of the request a preview showed, which "Send to my model" posts back."""
    found = re.search(r'name="previewed" value="([0-9a-f]{64})"', response.text)
    assert found, "the page shows no request to send"
    return found.group(1)
