"""HTTP/1.1 over raw asyncio streams, for the benchmarks: a client light enough to share the
server's two cores. Keeps its connection open, reconnects when the server closes it, reads
the whole answer (length, chunked, or to the close) and counts its bytes."""

import asyncio

HOST = "127.0.0.1"


class Connection:
    def __init__(self, port: int, encoding: str = "gzip, br"):
        self.port, self.encoding = port, encoding
        self.reader = self.writer = None

    async def get(self, target: str) -> tuple[int, int]:
        return await self.request("GET", target)

    async def request(self, method: str, target: str, body: bytes = b"") -> tuple[int, int]:
        """(status, body bytes); reconnects when the server closed the connection."""
        for attempt in (1, 2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
                fresh = True
            else:
                fresh = False
            head = (
                f"{method} {target} HTTP/1.1\r\nHost: {HOST}\r\n"
                "User-Agent: compact-bench/1\r\nAccept: text/html,application/json,*/*\r\n"
                f"Accept-Encoding: {self.encoding}\r\n"
            )
            if body:
                head += (
                    "Content-Type: application/x-www-form-urlencoded\r\n"
                    f"Content-Length: {len(body)}\r\n"
                )
            self.writer.write(head.encode() + b"\r\n" + body)
            try:
                await self.writer.drain()
                return await self._response()
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if fresh or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _response(self) -> tuple[int, int]:
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split(b" ", 2)[1])
        length, chunked, close = None, False, False
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            value = value.strip()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"connection" and value.lower() == b"close":
                close = True
        size = 0
        if chunked:
            while True:
                chunk = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(chunk + 2)
                size += chunk
                if chunk == 0:
                    break
        elif length is not None:
            size = len(await self.reader.readexactly(length))
        else:
            size = len(await self.reader.read())
            close = True
        if close:
            self.close()
        return status, size

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None
