"""A local SMTP server that accepts every message and keeps only a count: the benchmarks' mail server.

    python benchmarks/smtp_sink.py --port-file PATH [--count-file PATH]

Listens on 127.0.0.1 on a free port, writes the port to --port-file once it accepts connections,
and on SIGTERM or SIGINT writes "<messages> <recipients>" to --count-file (standard output without
it) and exits. Enough of RFC 5321 for Django's SMTP backend (smtplib): EHLO or HELO, MAIL, RCPT, DATA,
RSET, NOOP, QUIT; no TLS, no authentication, nothing relayed or stored.
"""

import argparse
import asyncio
import signal
import sys
from pathlib import Path


class Sink:
    def __init__(self):
        self.messages = 0
        self.recipients = 0

    async def session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        def reply(line: str) -> None:
            writer.write(line.encode() + b"\r\n")

        recipients = 0
        reply("220 brand-hub-smtp-sink ESMTP")
        try:
            while line := await reader.readline():
                verb = line[:4].upper()
                if verb == b"EHLO":
                    reply("250-brand-hub-smtp-sink")
                    reply("250 8BITMIME")
                elif verb in (b"HELO", b"NOOP"):
                    reply("250 OK")
                elif verb in (b"MAIL", b"RSET"):
                    recipients = 0
                    reply("250 OK")
                elif verb == b"RCPT":
                    recipients += 1
                    reply("250 OK")
                elif verb == b"DATA":
                    if not recipients:
                        reply("503 RCPT first")
                        continue
                    reply("354 End data with <CR><LF>.<CR><LF>")
                    while (data := await reader.readline()) not in (b".\r\n", b".\n"):
                        if not data:  # the client went away in the middle: no message
                            return
                    self.messages += 1
                    self.recipients += recipients
                    recipients = 0
                    reply("250 OK")
                elif verb == b"QUIT":
                    reply("221 Bye")
                    break
                else:
                    reply("502 Not implemented")
                await writer.drain()
            await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()


async def serve(port_file: Path, count_file: Path | None) -> None:
    sink = Sink()
    server = await asyncio.start_server(sink.session, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    # Written whole under a temporary name first: a reader never sees half a port.
    partial = port_file.with_name(port_file.name + ".partial")
    partial.write_text(f"{port}\n")
    partial.rename(port_file)
    async with server:
        await stop.wait()
    counts = f"{sink.messages} {sink.recipients}\n"
    if count_file is None:
        sys.stdout.write(counts)
    else:
        count_file.write_text(counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port-file", type=Path, required=True, help="where to write the port")
    parser.add_argument("--count-file", type=Path, help="where to write the counts on exit")
    args = parser.parse_args()
    asyncio.run(serve(args.port_file, args.count_file))


if __name__ == "__main__":
    main()
