"""The email channel: one multipart (text + HTML) message per digest over SMTP.

The password is read from the environment variable named by `email.password_env` at send
time; it is never stored in the config file or the database. The Message-ID is derived from
the events sent, so a message resent after a crash (see `monitor.delivery`) carries the same
id and mail clients can fold the duplicate.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from monitor.channels import Message
from monitor.config import EmailConfig


class EmailChannel:
    name = "email"
    sends_empty = True

    def __init__(self, cfg: EmailConfig):
        self.cfg = cfg

    def build(self, message: Message) -> EmailMessage | None:
        text = message.render("text")
        html = message.render("html")
        if text is None or html is None:
            return None
        ident = ",".join(e.key for e in message.events) or message.digest.period
        digest_id = hashlib.sha256(ident.encode()).hexdigest()[:32]
        msg = EmailMessage()
        msg["Subject"] = f"{self.cfg.subject_prefix} {message.digest.headline}".strip()
        msg["From"] = self.cfg.sender
        msg["To"] = ", ".join(self.cfg.to)
        msg["Date"] = formatdate(localtime=False, usegmt=True)
        msg["Message-ID"] = f"<{digest_id}.{self.name}@peerwatch>"
        msg["Auto-Submitted"] = "auto-generated"
        msg.set_content(text)
        msg.add_alternative(html, subtype="html")
        return msg

    def send(self, message: Message) -> None:
        msg = self.build(message)
        if msg is None:
            return
        cfg = self.cfg
        context = ssl.create_default_context()
        if cfg.security == "tls":
            smtp = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout, context=context)
        else:
            smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
        with smtp:
            if cfg.security == "starttls":
                smtp.starttls(context=context)
            if cfg.user:
                smtp.login(cfg.user, cfg.password() or "")
            smtp.send_message(msg)
