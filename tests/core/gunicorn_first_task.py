"""gunicorn settings for tests/core/test_celery.py: each worker sends a task the moment it has
loaded the application, before it serves any request."""


def post_worker_init(worker):
    from boardpacks.tasks import sweep

    sweep.delay()
