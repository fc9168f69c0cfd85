# syntax=docker/dockerfile:1
# The Dust API (Fastify). Build from the repository root:
#   docker build -f deploy/api.Dockerfile -t dust-api .
# Stateless: PostgreSQL (DATABASE_URL) holds everything; run as many as needed
# behind a load balancer, with DUST_BUILD_WORKER=off and workers of their own.
ARG NODE_IMAGE=node:20-bookworm-slim

# The repository as the context gives it (.dockerignore keeps host builds out).
FROM ${NODE_IMAGE} AS source
WORKDIR /src
COPY . .

# Only the package manifests, so the dependency layers below are rebuilt when
# a dependency changes, not on every source edit (any number of workspaces).
FROM source AS manifests
RUN mkdir /manifests \
 && cd /src \
 && find . -name node_modules -prune -o \( -name package.json -o -name package-lock.json \) -print0 \
    | tar --null -cf - -T - | tar -xf - -C /manifests

# The Prisma client is generated (offline: Prisma's JS engine, see
# apps/api/README.md); generation needs only production dependencies.
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
    API_HOST=0.0.0.0 \
    API_PORT=3001 \
    LOG_FORMAT=json \
    DUST_DATA_DIR=/data
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=source /src/ ./
COPY --from=build /app/apps/api/src/generated apps/api/src/generated
# Only the embedded database (no DATABASE_URL) writes to disk, into /data.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.API_PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# server.ts closes gracefully on SIGTERM (in-flight requests, then the database).
CMD ["node", "--import", "tsx", "apps/api/src/server.ts"]
