"""/healthz: is the database reachable, the broker up, a worker answering, beat ticking."""

import time

import redis
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from trustplan.core.broker import heartbeat_key, redis_client

WORKER_PING_TIMEOUT = 1.0


def check_database() -> dict:
    started = time.monotonic()
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        connections["default"].close()
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def check_broker() -> dict:
    try:
        redis_client().ping()
    except redis.RedisError as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True}


def check_workers() -> dict:
    # The project's Celery app, which every process loads (trustplan/__init__.py); the core
    # does not import the wiring above it.
    from celery import current_app as app

    replies = app.control.ping(timeout=WORKER_PING_TIMEOUT)
    names = sorted(name for reply in replies for name in reply)
    return {"ok": bool(names), "count": len(names), "names": names}


def check_beat() -> dict:
    last = redis_client().get(heartbeat_key())
    if last is None:
        return {"ok": False, "last_seen_seconds_ago": None}
    age = round(time.time() - float(last), 1)
    return {"ok": age < 180, "last_seen_seconds_ago": age}


@never_cache
@require_GET
def healthz(request):
    report = {"database": check_database(), "broker": check_broker()}
    if report["broker"]["ok"]:
        report["workers"] = check_workers()
        report["beat"] = check_beat()
    else:
        report["workers"] = {"ok": False, "count": 0, "error": "broker unreachable"}
        report["beat"] = {"ok": False, "error": "broker unreachable"}
    healthy = all(part["ok"] for part in report.values())
    report["status"] = "ok" if healthy else ("degraded" if report["database"]["ok"] else "down")
    return JsonResponse(report, status=200 if report["database"]["ok"] else 503)
