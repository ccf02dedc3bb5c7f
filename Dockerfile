# syntax=docker/dockerfile:1
# Relay's production image: build everything once, then ship only the server's production
# dependencies and the built shared/server/client. Used by docker-compose.yml.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies, compile shared, server and client ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true
# Manifests first so the dependency layer is cached until they change. Every workspace's
# package.json is needed: npm ci checks the lock file against all of them.
COPY package.json package-lock.json tsconfig.base.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
COPY e2e/package.json e2e/
RUN npm ci --no-audit --no-fund
COPY shared/ shared/
COPY server/ server/
COPY client/ client/
RUN npm run build

# ---- runtime: production dependencies of server + shared only ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    RELAY_DATA_DIR=/data \
    RELAY_CLIENT_DIR=/app/client/dist
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
COPY e2e/package.json e2e/
RUN npm ci --omit=dev --workspace=@relay/server --workspace=@relay/shared --no-audit --no-fund \
    && npm cache clean --force
COPY --from=build /app/shared/dist shared/dist
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/client/dist client/dist
# Attachments live in /data; a named volume mounted there inherits this ownership.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server/dist/main.js"]
