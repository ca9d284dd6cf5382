"""The tests' SMTP server, and scripts/run-local.sh's: aiosmtpd, with what the tests need beyond its
command line.

  agora_smtp.py serve PORT MAILDIR [--tls starttls|implicit --cert C --key K] [--auth USER:PASSWORD]
      serves SMTP on 127.0.0.1:PORT; each message taken becomes a file in the maildir (aiosmtpd's
      Mailbox). Recipients whose address starts with "rejected" are refused for good (550). With
      --tls starttls, STARTTLS is required before MAIL; with implicit, TLS starts at once. With
      --auth, AUTH PLAIN or LOGIN with that user and password is required (over plain text too).
      Each connection made adds a line to MAILDIR.connections.
  agora_smtp.py read MAILDIR
      prints the maildir's messages as JSON, one per line, parsed the way a mail client reads them:
      headers decoded, the text and HTML parts as text.
"""
import argparse
import asyncio
import email
import email.policy
import json
import mailbox
import ssl

from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import SMTP, AuthResult


class RejectingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("rejected"):
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def serve(args) -> None:
    handler = RejectingMailbox(args.maildir)
    context = None
    if args.tls != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    authenticator = None
    if args.auth:
        user, password = (part.encode() for part in args.auth.split(":", 1))

        def authenticator(server, session, envelope, mechanism, data):
            # handled=False: aiosmtpd answers a failure itself (535)
            return AuthResult(success=data.login == user and data.password == password, handled=False)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    class CountingSMTP(SMTP):
        def connection_made(self, transport):
            super().connection_made(transport)
            with open(args.maildir.rstrip("/") + ".connections", "a") as f:
                f.write("connection\n")

    def protocol():
        return CountingSMTP(handler, hostname="agora-test-smtp", loop=loop,
                    tls_context=context if args.tls == "starttls" else None,
                    require_starttls=args.tls == "starttls",
                    authenticator=authenticator, auth_required=bool(args.auth), auth_require_tls=False)

    server = loop.run_until_complete(loop.create_server(
        protocol, "127.0.0.1", args.port, ssl=context if args.tls == "implicit" else None))
    try:
        loop.run_forever()
    finally:
        server.close()


def parsed(raw: bytes) -> dict:
    m = email.message_from_bytes(raw, policy=email.policy.default)
    text = m.get_body(preferencelist=("plain",))
    html = m.get_body(preferencelist=("html",))
    return {
        "from": str(m["From"] or ""),
        "to": str(m["To"] or ""),
        "rcpt_to": str(m["X-RcptTo"] or ""),
        "subject": str(m["Subject"] or ""),
        "raw_subject": str(email.message_from_bytes(raw)["Subject"] or ""),  # as sent, encoded words and all
        "message_id": str(m["Message-ID"] or ""),
        "date": str(m["Date"] or ""),
        "content_type": m.get_content_type(),
        "text": text.get_content() if text else "",
        "html": html.get_content() if html else "",
        "list_unsubscribe": str(m["List-Unsubscribe"] or "").strip(),  # refolded when stored
        "list_unsubscribe_post": str(m["List-Unsubscribe-Post"] or ""),
    }


def read(args) -> None:
    for _, message in sorted(mailbox.Maildir(args.maildir, create=False).items()):
        print(json.dumps(parsed(message.as_bytes())))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(required=True)
    s = commands.add_parser("serve")
    s.add_argument("port", type=int)
    s.add_argument("maildir")
    s.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    s.add_argument("--cert")
    s.add_argument("--key")
    s.add_argument("--auth")
    s.set_defaults(run=serve)
    r = commands.add_parser("read")
    r.add_argument("maildir")
    r.set_defaults(run=read)
    arguments = parser.parse_args()
    arguments.run(arguments)
