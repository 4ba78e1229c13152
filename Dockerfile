# syntax=docker/dockerfile:1
# Multi-stage build: the Rust server, the web app, and two small runtime images.

FROM rust:1.95-bookworm AS backend-build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Cargo.toml Cargo.lock rustfmt.toml ./
COPY backend backend
COPY tests tests
COPY migrations migrations
RUN cargo build --release -p kindred

FROM node:20-bookworm-slim AS frontend-build
WORKDIR /src
COPY docs/openapi.json docs/openapi.json
COPY frontend/package.json frontend/package-lock.json frontend/
RUN cd frontend && npm ci --no-audit --no-fund
COPY frontend frontend
RUN cd frontend && npm run build

FROM debian:bookworm-slim AS kindred
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 ca-certificates curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /var/lib/kindred --create-home kindred
COPY --from=backend-build /src/target/release/kindred /usr/local/bin/kindred
USER kindred
WORKDIR /var/lib/kindred
ENV KINDRED_DATA_DIR=/var/lib/kindred/data KINDRED_BIND=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["kindred"]
CMD ["serve"]

FROM nginx:1.27-alpine AS web
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=frontend-build /src/frontend/dist /usr/share/nginx/html
EXPOSE 80
