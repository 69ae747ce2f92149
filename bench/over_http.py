"""Nivaran over HTTP against the bare-Django floor, in one run, on the generated data set.

    .venv/bin/python bench/over_http.py [--runs 3] [--duration 10] [--out var/bench]

Starts gunicorn (4 sync workers, production settings, loopback only) for Nivaran on the
benchmark database and for bench/floor_app.py, then with wrk:
  * intake: 1912 `POST /api/v1/complaints/` vs the floor's bare INSERT, 32 connections,
    alternating, `--runs` times each; the ratio is of the medians;
  * lists, searches and the inbox as an office manager, a DGM and a circle GM,
    8 connections, plus the median of 5 single requests each;
  * a transition (forward at the assistant stage): 20 single requests, median.
Prints a Markdown table and writes it with the raw wrk output under --out.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import redis
from benchenv import DEFAULT_URL, ROOT

HERE = Path(__file__).resolve().parent
NIVARAN, FLOOR = "127.0.0.1:8131", "127.0.0.1:8132"


def sh(*args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs).stdout  # noqa: S603


def start(app: str, bind: str, env: dict, cwd: Path, log: Path) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    return subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [gunicorn, app, "-w", "4", "-b", bind, "--access-logfile", "/dev/null"],
        cwd=cwd,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_http(url: str) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"no answer at {url}")


def ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def parse_wrk(text: str) -> dict:
    out = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text)[1])}
    for p in ("50", "90", "99"):
        out[f"p{p}"] = ms(*re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)\b", text).groups())
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    out["non2xx"] = int(bad[1]) if bad else 0
    return out


def wrk(url: str, script: str, args: list[str], *, conns: int, seconds: int, out: Path) -> dict:
    text = sh(
        "wrk", "-t2", f"-c{conns}", f"-d{seconds}s", "--latency", "-s", str(HERE / "wrk" / script),
        url, "--", *args,
    )  # fmt: skip
    out.write_text(text)
    return parse_wrk(text)


def single(url: str, token: str, *, times: int = 5, method: str = "GET", body=None) -> float:
    took = []
    for _ in range(times):
        request = urllib.request.Request(  # noqa: S310 - loopback
            url,
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        )
        began = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
        took.append((time.perf_counter() - began) * 1000)
    return statistics.median(took)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--out", default=str(ROOT / "var" / "bench"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    out = Path(args.out) / time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out.mkdir(parents=True)
    spec = json.loads(sh("psql", url, "-Atc", "SELECT users FROM bench_dataset").strip() or "null")
    if not spec:
        raise SystemExit("no data set: run bench/generate.py first")
    tokens, office = spec["tokens"], spec["office"]
    manager = tokens[f"{office.lower()}.manager"]
    gm = next(v for k, v in tokens.items() if k.startswith("gm."))
    dgm = next(v for k, v in tokens.items() if k.startswith("dgm."))
    caller, assistant = tokens["callcentre1912"], tokens[f"{office.lower()}.am1"]

    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + os.urandom(8).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/5"),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/6"),
        "DATABASE_CONN_MAX_AGE": "600",
    }
    sh(sys.executable, "manage.py", "collectstatic", "--noinput", "-v0", cwd=ROOT, env=env)
    subprocess.run(  # an error says it exists already
        ["createdb", "-h", "127.0.0.1", "-U", "root", "nivaran_bench_floor"],  # noqa: S607
        capture_output=True,
    )
    sh(sys.executable, "floor_app.py", "--init", cwd=HERE)
    servers = [
        start("config.wsgi", NIVARAN, env, ROOT, out / "gunicorn-nivaran.log"),
        start("floor_app:application", FLOOR, env, HERE, out / "gunicorn-floor.log"),
    ]
    rows = []
    try:
        wait_http(f"http://{NIVARAN}/login/")
        wait_http(f"http://{FLOOR}/api/v1/complaints/")
        run_id = int(time.time()) % 900 + 100  # unique numbers run after run
        intake = f"http://{NIVARAN}/api/v1/complaints/"
        floor = f"http://{FLOOR}/api/v1/complaints/"
        # Warm-up: connections, reference caches, imports.
        wrk(floor, "intake.lua", [caller, str(run_id), office], conns=32, seconds=3,
            out=out / "warm-floor.txt")  # fmt: skip
        wrk(intake, "intake.lua", [caller, str(run_id + 1), office], conns=32, seconds=3,
            out=out / "warm-intake.txt")  # fmt: skip
        floors, intakes = [], []
        for run in range(args.runs):
            floors.append(
                wrk(floor, "intake.lua", [caller, str(run_id + 2 + run), office], conns=32,
                    seconds=args.duration, out=out / f"floor_{run}.txt")
            )  # fmt: skip
            intakes.append(
                wrk(intake, "intake.lua", [caller, str(run_id + 2 + run), office], conns=32,
                    seconds=args.duration, out=out / f"intake_{run}.txt")
            )  # fmt: skip
        for name, results in (("floor: bare INSERT view", floors), ("1912 intake", intakes)):
            rows.append(
                (name, "32", *(statistics.median(r[k] for r in results)
                 for k in ("rps", "p50", "p90", "p99")), None, sum(r["non2xx"] for r in results))
            )  # fmt: skip
        ratio = rows[1][2] / rows[0][2]

        reads = [
            ("API list, office manager", manager, "/api/v1/complaints/"),
            ("API list, DGM", dgm, "/api/v1/complaints/"),
            ("API list, circle GM", gm, "/api/v1/complaints/"),
            ("open by due date (GM)", gm, "/api/v1/complaints/?status=registered&ordering=due"),
            ("overdue filter (GM)", gm, "/api/v1/complaints/?overdue=true"),
            ("search consumer no. prefix 3412567 (GM)", gm, "/api/v1/complaints/?search=3412567"),
            ("search mobile prefix 98270 (GM)", gm, "/api/v1/complaints/?search=98270"),
            ("search office sequence 000004 (GM)", gm, "/api/v1/complaints/?search=000004"),
            ("search consumer name (GM)", gm, "/api/v1/complaints/?search=" + NAME),
            ("corrections pending with me (manager)", manager, "/api/v1/corrections/?mine=true"),
            ("corrections list (GM)", gm, "/api/v1/corrections/"),
        ]
        for n, (name, token, path) in enumerate(reads):
            # Single requests first: after a load run the workers may still be busy.
            one = single(f"http://{NIVARAN}{path}", token)
            result = wrk(f"http://{NIVARAN}{path}", "get.lua", [token], conns=8,
                         seconds=args.duration, out=out / f"read_{n:02d}.txt")  # fmt: skip
            rows.append((name, "8", result["rps"], result["p50"], result["p90"], result["p99"],
                         one, result["non2xx"]))  # fmt: skip
        # The office's files at the assistant stage (the contact ID is our own data set's).
        query = (
            "SELECT b.id FROM billing_billcorrection b JOIN complaints_complaint c "  # noqa: S608
            "ON c.id = b.complaint_id JOIN accounts_office o ON o.id = c.office_id "
            f"WHERE o.contact_id = '{office}' AND b.state = 'assistant' ORDER BY b.id LIMIT 20"
        )
        waiting = sh("psql", url, "-Atc", query).split()
        took = []
        for pk in waiting:
            took.append(
                single(f"http://{NIVARAN}/api/v1/corrections/{pk}/transitions/forward/",
                       assistant, times=1, method="POST", body={"remarks": "bench"})
            )  # fmt: skip
        if took:
            rows.append(("transition: forward (assistant stage)", "1", None,
                         statistics.median(took), None, None, None, 0))  # fmt: skip
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)
        # Each intake queued a "mail the notices" task and no worker ran here: drop them,
        # or the next worker on this broker starts with thousands.
        redis.Redis.from_url(env["CELERY_BROKER_URL"]).delete("celery")

    def f(v, digits=1):
        return "" if v is None else f"{v:,.{digits}f}"

    lines = [
        f"runs: {args.runs} x {args.duration} s; wrk -t2; database {url.rsplit('/', 1)[1]}",
        "",
        "| path | conns | req/s | p50 ms | p90 ms | p99 ms | single ms | non-2xx |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, conns, rps, p50, p90, p99, one, bad in rows:
        lines.append(
            f"| {name} | {conns} | {f(rps, 0)} | {f(p50)} | {f(p90)} | {f(p99)} | {f(one)} "
            f"| {bad} |"
        )
    lines.append(f"\nintake / floor (medians of {args.runs}): {ratio:.3f}")
    text = "\n".join(lines)
    (out / "summary.md").write_text(text + "\n")
    print(text)


NAME = "%E0%A4%AE%E0%A5%8B%E0%A4%B9%E0%A4%A8%20%E0%A4%AE%E0%A4%BE%E0%A4%B2"  # "मोहन माल"

if __name__ == "__main__":
    main()
