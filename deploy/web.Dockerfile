# syntax=docker/dockerfile:1
# The Dust web app (Next.js). Build from the repository root:
#   docker build -f deploy/web.Dockerfile -t dust-web .
# Stateless: it renders pages from the API (API_URL, read at run time, so one
# image serves any deployment) and forwards /api/* to it.
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

# next build needs the development dependencies (TypeScript, types).
# --ignore-scripts: no dependency needs its install script (npm 11 skips them
# too); the one generated piece, the Prisma client, is made explicitly.
FROM ${NODE_IMAGE} AS build
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY --from=source /src/ ./
RUN npm run build -w @dust/web

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    WEB_PORT=3000
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=source /src/ ./
# Next writes its cache under .next at run time: the one directory the user owns.
COPY --from=build --chown=node:node /app/apps/web/.next apps/web/.next
USER node
WORKDIR /app/apps/web
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.WEB_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# bin/start.ts runs `next start -p $WEB_PORT` and passes SIGTERM on to it.
CMD ["node", "--import", "tsx", "bin/start.ts", "-H", "0.0.0.0"]
