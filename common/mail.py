"""`make run`'s mail: each message logged once, readably, instead of printed raw.

Django's console backend writes the MIME text (a Hindi subject arrives base64-encoded)
to stdout, which the Celery worker then logs as a WARNING line by line."""

import logging

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("nivaran.mail")


class LogEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            logger.info(
                "Mail to %s: %s\n%s", ", ".join(message.recipients()), message.subject, message.body
            )
        return len(email_messages)
