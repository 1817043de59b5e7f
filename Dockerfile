# trustplan production image: gunicorn web, Celery worker and beat share it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint draws with Pango; DejaVu gives it fonts.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 trustplan
WORKDIR /app

COPY pyproject.toml constraints.txt README.md ./
COPY trustplan ./trustplan
COPY schools ./schools
COPY objectives ./objectives
COPY plans ./plans
COPY kpis ./kpis
COPY governance ./governance
COPY boardpacks ./boardpacks
COPY accounts ./accounts
COPY notifications ./notifications
COPY reminders ./reminders
COPY onboarding ./onboarding
COPY operators ./operators
COPY trustdata ./trustdata
RUN pip install --no-cache-dir -c constraints.txt .

COPY . .
RUN DEBUG=true python manage.py collectstatic --noinput \
 && mkdir -p /app/var/private \
 && chown -R trustplan:trustplan /app/var

USER trustplan
EXPOSE 8000
CMD ["gunicorn", "trustplan.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-", "--logger-class", "accounts.redact.GunicornLogger"]
