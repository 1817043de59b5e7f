import time

from trustplan.celery import app
from trustplan.core.broker import heartbeat_key, redis_client


@app.task(name="trustplan.heartbeat", time_limit=10, soft_time_limit=5)
def heartbeat() -> float:
    """Beat sends this every minute; the health page reports how long ago it last ran."""
    now = time.time()
    redis_client().set(heartbeat_key(), now, ex=3600)
    return now
