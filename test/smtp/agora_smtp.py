"""What the tests' SMTP server (aiosmtpd) needs beyond its own handlers.

RejectingMailbox: aiosmtpd's Mailbox (each message a file in a maildir), which refuses for good
(550) every recipient whose address starts with "rejected".
`python3 agora_smtp.py MAILDIR` prints the maildir's messages as JSON, one per line, parsed the way
a mail client reads them: headers decoded, the text and HTML parts as text.
"""
import email
import email.policy
import json
import mailbox
import sys

from aiosmtpd.handlers import Mailbox


class RejectingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("rejected"):
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"


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
    }


if __name__ == "__main__":
    for _, message in sorted(mailbox.Maildir(sys.argv[1], create=False).items()):
        print(json.dumps(parsed(message.as_bytes())))
