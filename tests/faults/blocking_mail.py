"""A mail backend for the worker-kill test's worker process: it keeps each message as a
file and hangs, forever, on the message numbered BLOCK_AT, so the test can kill the
worker at a known point (a message claimed, not yet handed to the mail server)."""

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

BLOCK_AT = 3


class EmailBackend(BaseEmailBackend):
    sent = 0

    def send_messages(self, email_messages):
        folder = Path(os.environ["NIVARAN_TEST_MAIL_DIR"])
        for message in email_messages:
            if EmailBackend.sent + 1 == BLOCK_AT:
                time.sleep(3600)  # the test kills the process here
            body = f"{','.join(message.to)}\n{message.body}"
            (folder / f"{uuid.uuid4().hex}.txt").write_text(body)
            EmailBackend.sent += 1
        return len(email_messages)
