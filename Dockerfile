# The Podium API: installs the package, applies migrations on start, serves with uvicorn.
# The database comes from PODIUM_DATABASE_URL (e.g. postgresql+psycopg://user:pass@db:5432/podium);
# the default is a SQLite file in the /data volume.
FROM python:3.11-slim

WORKDIR /app
COPY pyproject.toml README.md ./
COPY solver ./solver
COPY service ./service
COPY migrations ./migrations
RUN pip install --no-cache-dir . && mkdir -p /data

ENV PODIUM_DATABASE_URL=sqlite:////data/podium.db
VOLUME /data
EXPOSE 8000
CMD ["sh", "-c", "podium db upgrade && exec uvicorn --factory service.web.app:create_app --host 0.0.0.0 --port 8000"]
