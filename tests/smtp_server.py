#!/usr/bin/env python3
"""A real SMTP server for pledgewatch's tests: aiosmtpd on 127.0.0.1.

    python3 tests/smtp_server.py --port PORT --maildir DIR [--mode MODE]

Prints "ready PORT" on stdout once it listens. Every message it accepts is written to
DIR/NNNN.eml (the bytes as received) with DIR/NNNN.json (the envelope). Modes:

    accept   accept every message (250)
    reject   refuse every message at DATA with 550 (a permanent failure)
    busy     answer 451 at DATA (a temporary failure)
    hang     accept the TCP connection and never say anything (no greeting)
    ack-late keep the message, then never answer the end of DATA (the client times out not knowing
             it was delivered)
    fqdn-helo  accept, but as Postfix with reject_non_fqdn_helo_hostname (and its default
             smtpd_delay_reject): a client whose EHLO name has no dot gets 504 at RCPT TO
    no-service refuse at the greeting: "554 5.3.2 No SMTP service here", then close

With --tls-cert/--tls-key it offers STARTTLS and requires it; with --login USER:PASSWORD it requires
AUTH (LOGIN or PLAIN) with those. Installed by .ci/run with `pip install aiosmtpd`.
"""

import argparse
import asyncio
import json
import os
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--maildir", required=True)
    ap.add_argument(
        "--mode",
        default="accept",
        choices=["accept", "reject", "busy", "hang", "ack-late", "fqdn-helo", "no-service"],
    )
    ap.add_argument("--tls-cert", help="PEM certificate: offer STARTTLS and require it")
    ap.add_argument("--tls-key", help="PEM key of --tls-cert")
    ap.add_argument("--login", help="USER:PASSWORD that AUTH must give (required when set)")
    args = ap.parse_args()
    os.makedirs(args.maildir, exist_ok=True)

    if args.mode == "hang":
        asyncio.run(hang(args.port))
        return
    if args.mode == "no-service":
        asyncio.run(no_service(args.port))
        return

    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            helo = session.host_name or ""
            if args.mode == "fqdn-helo" and "." not in helo:
                return f"504 5.5.2 <{helo}>: Helo command rejected: need fully-qualified hostname"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            if args.mode == "reject":
                return "550 5.7.1 Message refused by policy"
            if args.mode == "busy":
                return "451 4.3.0 Try again later"
            n = len([f for f in os.listdir(args.maildir) if f.endswith(".eml")]) + 1
            base = os.path.join(args.maildir, f"{n:04d}")
            with open(base + ".tmp", "wb") as f:
                f.write(envelope.original_content)
            with open(base + ".json", "w") as f:
                json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
            os.rename(base + ".tmp", base + ".eml")
            if args.mode == "ack-late":
                await asyncio.sleep(3600)
            return "250 2.0.0 Ok: queued as %04d" % n

    options = {}
    if args.tls_cert:
        import ssl

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        options.update(tls_context=context, require_starttls=True)
    if args.login:
        from aiosmtpd.smtp import AuthResult

        user, password = args.login.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False)

        options.update(authenticator=authenticator, auth_required=True)
    controller = Controller(
        Handler(), hostname="127.0.0.1", port=args.port, decode_data=False, server_hostname="localhost", **options
    )
    controller.start()
    print(f"ready {args.port}", flush=True)
    try:
        sys.stdin.read()  # run until the test closes stdin or kills the process
    finally:
        controller.stop()


async def hang(port):
    async def never(reader, writer):
        await asyncio.sleep(3600)

    server = await asyncio.start_server(never, "127.0.0.1", port)
    print(f"ready {port}", flush=True)
    async with server:
        await server.serve_forever()


async def no_service(port):
    async def refuse(reader, writer):
        writer.write(b"554 5.3.2 No SMTP service here\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(refuse, "127.0.0.1", port)
    print(f"ready {port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    main()
