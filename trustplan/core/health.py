"""/healthz: is the database reachable, the broker up, a worker on our queue, beat ticking."""

import ipaddress
import time

import kombu.exceptions
import redis
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from trustplan.core.broker import heartbeat_key, redis_client

WORKER_PING_TIMEOUT = 1.0
# What a broker that went away between the ping and the next question raises.
BROKER_ERRORS = (kombu.exceptions.OperationalError, redis.RedisError, OSError)


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
    """The workers that take this site's tasks: those consuming its queue. A worker of another
    site sharing the broker answers a ping too, but would never run a task of ours."""
    # The project's Celery app, which every process loads (trustplan/__init__.py); the core
    # does not import the wiring above it.
    from celery import current_app as app

    queue = app.conf.task_default_queue
    replies = app.control.inspect(timeout=WORKER_PING_TIMEOUT).active_queues() or {}
    names = sorted(
        name for name, queues in replies.items() if any(q.get("name") == queue for q in queues)
    )
    return {"ok": bool(names), "count": len(names), "names": names, "queue": queue}


def check_beat() -> dict:
    last = redis_client().get(heartbeat_key())
    if last is None:
        return {"ok": False, "last_seen_seconds_ago": None}
    age = round(time.time() - float(last), 1)
    return {"ok": age < 180, "last_seen_seconds_ago": age}


def is_local_caller(request) -> bool:
    """A caller on this machine, not relayed by a proxy: only it may read the details."""
    if request.META.get("HTTP_X_FORWARDED_FOR") or request.META.get("HTTP_FORWARDED"):
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@never_cache
@require_GET
def healthz(request):
    """The status code for everyone; which part failed, worker names and errors for local
    callers only (a container's health check, an operator on the host)."""
    report = {"database": check_database(), "broker": check_broker()}
    if report["broker"]["ok"]:
        for part, check in (("workers", check_workers), ("beat", check_beat)):
            try:
                report[part] = check()
            except BROKER_ERRORS as exc:  # the broker blipped after its ping: degraded
                report[part] = {"ok": False, "error": exc.__class__.__name__}
    else:
        report["workers"] = {"ok": False, "count": 0, "error": "broker unreachable"}
        report["beat"] = {"ok": False, "error": "broker unreachable"}
    healthy = all(part["ok"] for part in report.values())
    report["status"] = "ok" if healthy else ("degraded" if report["database"]["ok"] else "down")
    status = 200 if report["database"]["ok"] else 503
    if not is_local_caller(request):
        return JsonResponse({"status": report["status"]}, status=status)
    return JsonResponse(report, status=status)
