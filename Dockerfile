# Production image for `docker compose up` (not used by the tests here).
# Three stages: build with every dependency, install the runtime dependencies
# alone, then a small image with the build and those, run as the non-root
# `node` user. No test or build tool (Playwright, Vitest, Lighthouse, the
# TypeScript compiler, tsx, esbuild) is in the final image, and no TypeScript:
# `npm run build` compiles what runs outside Next to dist/.

# ── 1. build ─────────────────────────────────────────────────────────────────
FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs ./scripts/postinstall.mjs
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ── 2. runtime dependencies only ────────────────────────────────────────────
FROM node:24-bookworm-slim AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs ./scripts/postinstall.mjs
COPY prisma ./prisma
COPY prisma.config.ts ./
# The Prisma client generated in the build stage (postinstall keeps it when there is no Prisma CLI).
COPY --from=build /app/lib/db/generated ./lib/db/generated
# npm keeps a dev dependency that is also an optional peer of a runtime one (Playwright and the Prisma CLI of
# next and @prisma/client, TypeScript of several): nothing at run time uses them, so they go.
RUN npm ci --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/@playwright node_modules/playwright node_modules/playwright-core node_modules/typescript node_modules/prisma \
  && find node_modules/.bin -xtype l -delete

# ── 3. the image ─────────────────────────────────────────────────────────────
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 NEXT_TELEMETRY_DISABLED=1
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json /app/server.mjs /app/next.config.mjs /app/tsconfig.json /app/prisma.config.ts ./
COPY --from=build --chown=node:node /app/.next ./.next
# dist/: the server runtime, worker, migration runner and seed, compiled to JavaScript by `npm run build`.
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=runtime-deps --chown=node:node /app/node_modules ./node_modules
# Uploaded images and mail written to disk live under data/ (volumes in docker-compose.yml).
RUN mkdir -p /app/data/uploads /app/data/mail && chown -R node:node /app/data
USER node
EXPOSE 3000
# Liveness only (the process answers); a load balancer polls /api/health for readiness (503 only without PostgreSQL).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
CMD ["npm", "start"]
