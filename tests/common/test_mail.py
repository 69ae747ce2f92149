import logging

from django.core.mail import EmailMessage

from common.mail import LogEmailBackend


def test_make_runs_mail_is_one_readable_info_line(caplog):
    message = EmailMessage("निवारण: फ़ाइल आपके स्तर पर पहुँची", "बिल सुधार #2", to=["am@example.in"])
    with caplog.at_level(logging.INFO, logger="nivaran.mail"):
        assert LogEmailBackend().send_messages([message]) == 1
    (record,) = caplog.records
    assert record.levelno == logging.INFO
    assert "am@example.in: निवारण: फ़ाइल आपके स्तर पर पहुँची" in record.getMessage()
    assert "=?utf-8?" not in record.getMessage()
