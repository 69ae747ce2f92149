"""The framework + database floor: a bare Django view (no middleware, no auth) that
inserts one complaint-wide row per POST with raw SQL. Intake is measured against it in
the same run (bench/over_http.py). Database: FLOOR_DATABASE (default nivaran_bench_floor)
on 127.0.0.1, which `python floor_app.py --init` (re)creates the table in."""

import json
import os
import sys

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="floor",  # noqa: S106 - a throw-away benchmark app
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["127.0.0.1"],
    DATABASES={
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("FLOOR_DATABASE", "nivaran_bench_floor"),
            "USER": "root",
            "HOST": "127.0.0.1",
            "PORT": 5432,
            "CONN_MAX_AGE": 600,
        }
    },
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
    USE_TZ=True,
)
import django  # noqa: E402

django.setup()
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

DDL = """DROP TABLE IF EXISTS floor_complaint; CREATE TABLE floor_complaint (
 id bigserial primary key, complaint_number varchar(40) unique, office varchar(32),
 consumer_number varchar(20), consumer_name varchar(120), mobile varchar(10), address text,
 category varchar(40), bill_month date, billed_amount numeric(12,2), description text,
 status varchar(20), created_at timestamptz default now(), due_at timestamptz)"""


@csrf_exempt
def create(request):
    b = json.loads(request.body)
    with connection.cursor() as c:
        c.execute(
            "INSERT INTO floor_complaint (complaint_number, office, consumer_number,"
            " consumer_name, mobile, address, category, bill_month, billed_amount, description,"
            " status, due_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'registered',"
            " now() + interval '7 days') RETURNING id, created_at",
            [b["complaint_number"], b["office"], b["consumer_number"], b["consumer_name"],
             b["mobile"], b["address"], b["category"], b["bill_month"] + "-01",
             b["billed_amount"], b["description"]],
        )  # fmt: skip
        pk, _created = c.fetchone()
    return JsonResponse({"id": pk, "complaint_number": b["complaint_number"]}, status=201)


urlpatterns = [path("api/v1/complaints/", create)]
application = get_wsgi_application()

if __name__ == "__main__" and "--init" in sys.argv:
    with connection.cursor() as cursor:
        cursor.execute(DDL)
