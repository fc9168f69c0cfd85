# syntax=docker/dockerfile:1
# The Dust build worker: claims build jobs from PostgreSQL and runs the kernel
# test (apply, checkpatch, build, QEMU boot) with no HTTP server. Build from the
# repository root:
#   docker build -f deploy/worker.Dockerfile -t dust-worker .
# The image holds the kernel toolchain and a prepared, pre-built Linux 6.1 tree
# (npm run kernel:setup at build time: a few minutes, and a large image), so the
# first build job starts warm. QEMU runs under TCG: no /dev/kvm needed.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS source
WORKDIR /src
COPY . .

# Only the package manifests, so the dependency layers are rebuilt when a
# dependency changes, not on every source edit (any number of workspaces).
FROM source AS manifests
RUN mkdir /manifests \
 && cd /src \
 && find . -name node_modules -prune -o \( -name package.json -o -name package-lock.json \) -print0 \
    | tar --null -cf - -T - | tar -xf - -C /manifests

# --ignore-scripts: no dependency needs its install script (npm 11 skips them
# too); the one generated piece, the Prisma client, is made explicitly.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=source /src/ ./
RUN npm run db:generate -w @dust/api

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    LOG_FORMAT=json \
    DUST_CACHE_DIR=/var/cache/dust \
    DUST_WORKER_HEALTH_FILE=/tmp/dust-worker-alive
# tini as PID 1 reaps the processes the kernel test leaves (make, QEMU).
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends tini ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=manifests /manifests/ ./
# The toolchain and the tree first: they depend on kernel/scripts only, so a
# source edit does not rebuild the kernel. The user owns the tree it builds in.
COPY --from=source /src/kernel/scripts kernel/scripts
RUN npm run kernel:setup \
 && chown -R node:node "$DUST_CACHE_DIR" \
 && rm -rf /var/lib/apt/lists/*
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=source /src/ ./
COPY --from=build /app/apps/api/src/generated apps/api/src/generated
USER node
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node apps/api/scripts/check-health-file.mjs "$DUST_WORKER_HEALTH_FILE" 60
ENTRYPOINT ["/usr/bin/tini", "--"]
# SIGTERM: the worker gives a running job back to the queue and exits.
CMD ["node", "--import", "tsx", "apps/api/src/worker/main.ts"]
