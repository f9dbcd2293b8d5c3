# syntax=docker/dockerfile:1
# Anxin API image. Configure by environment (ANXIN_DATABASE_URL, ANXIN_KEYS_DIR, ...);
# see docs/deploy.md. Build: docker build -t anxin .

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /srv/anxin
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# Dependencies first, so that code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir app && touch app/__init__.py && pip install . && pip uninstall -y anxin
COPY app ./app
COPY alembic ./alembic
# Editable install: the migrations in ./alembic are found next to the package.
RUN pip install --no-deps -e .

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:$PATH \
    ANXIN_VAR_DIR=/var/lib/anxin
RUN groupadd --system anxin && useradd --system --gid anxin --home-dir /var/lib/anxin anxin \
    && mkdir -p /var/lib/anxin && chown anxin:anxin /var/lib/anxin
COPY --from=build /opt/venv /opt/venv
COPY --from=build /srv/anxin /srv/anxin
WORKDIR /srv/anxin
USER anxin
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status == 200 else 1)"]
CMD ["anxin", "serve", "--host", "0.0.0.0", "--port", "8000"]
