import type { Random } from './random';
import type { GeneratedFile, Service } from './service';

/** A service's Dockerfiles (multi-stage, BuildKit heredocs) and compose files with the overlays a deploy workflow chains with `-f`. */
export function containerFiles(service: Service, random: Random): GeneratedFile[] {
  const files: GeneratedFile[] = [
    [`${service.dir}/Dockerfile`, dockerfile(service, random)],
    [`${service.dir}/.dockerignore`, 'node_modules\ndist\ncoverage\n.git\n*.md\n.env\n'],
    [`${service.dir}/compose.yaml`, compose(service, random)],
    [`${service.dir}/compose.override.yaml`, composeOverride(service)],
    [`${service.dir}/compose.prod.yaml`, composeProd(service, random)],
  ];
  if (random.chance(0.5)) files.push([`${service.dir}/Dockerfile.dev`, devDockerfile(service)]);
  if (random.chance(0.2)) files.push([`${service.dir}/docker/migrate.Dockerfile`, migrateDockerfile(service)]);
  return files;
}

const BASES: Record<Service['language'], { build: string[]; run: string[] }> = {
  node: {
    build: ['node:20.15.1-bookworm', 'node:22.4.0-bookworm'],
    run: ['node:20.15.1-bookworm-slim', 'gcr.io/distroless/nodejs20-debian12'],
  },
  go: {
    build: ['golang:1.22.5-bookworm', 'golang:1.23.1-alpine3.20'],
    run: ['gcr.io/distroless/static-debian12:nonroot', 'alpine:3.20.2'],
  },
  python: { build: ['python:3.12.4-slim-bookworm'], run: ['python:3.12.4-slim-bookworm'] },
  java: { build: ['eclipse-temurin:21.0.4_7-jdk-jammy', 'maven:3.9.8-eclipse-temurin-21'], run: ['eclipse-temurin:21.0.4_7-jre-jammy'] },
};

function dockerfile(service: Service, random: Random): string {
  const base = BASES[service.language];
  const build = random.pick(base.build);
  const run = random.pick(base.run);
  const healthcheck = random.chance(0.6);
  const user = random.chance(0.7);
  const lines = ['# syntax=docker/dockerfile:1.7', `ARG BUILD_IMAGE=${build}`, '', `FROM \${BUILD_IMAGE} AS deps`, 'WORKDIR /src'];
  if (service.language === 'node') {
    lines.push(
      'COPY package.json package-lock.json ./',
      'RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts',
      '',
      'FROM deps AS build',
      'COPY tsconfig.json ./',
      'COPY src ./src',
      'RUN npm run build && npm prune --omit=dev',
      '',
      'FROM deps AS test',
      'COPY . .',
      'RUN <<EOF',
      'set -eux',
      'npm run lint',
      'npm test -- --reporter=dot',
      'EOF',
      '',
      `FROM ${run} AS runtime`,
      'WORKDIR /app',
      'ENV NODE_ENV=production',
      'COPY --from=build /src/node_modules ./node_modules',
      'COPY --from=build /src/dist ./dist',
    );
  } else if (service.language === 'go') {
    lines.push(
      'COPY go.mod go.sum ./',
      'RUN --mount=type=cache,target=/go/pkg/mod go mod download',
      '',
      'FROM deps AS build',
      'COPY . .',
      'ARG VERSION=dev',
      'RUN --mount=type=cache,target=/root/.cache/go-build <<EOF',
      'set -eu',
      `CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=\${VERSION}" -o /out/${service.name} ./cmd/${service.name}`,
      'EOF',
      '',
      `FROM ${run} AS runtime`,
      `COPY --from=build /out/${service.name} /usr/local/bin/${service.name}`,
    );
  } else if (service.language === 'python') {
    lines.push(
      'ENV PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1',
      'COPY requirements.txt ./',
      'RUN pip wheel --wheel-dir /wheels -r requirements.txt',
      '',
      `FROM ${run} AS runtime`,
      'WORKDIR /app',
      'COPY --from=deps /wheels /wheels',
      'RUN pip install --no-index --find-links=/wheels /wheels/* && rm -rf /wheels',
      'COPY <<EOF /app/gunicorn.conf.py',
      'bind = "0.0.0.0:8000"',
      'workers = 4',
      'accesslog = "-"',
      'EOF',
      'COPY app ./app',
    );
  } else {
    lines.push(
      'COPY pom.xml ./',
      'RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline',
      'COPY src ./src',
      'RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests',
      '',
      `FROM ${run} AS runtime`,
      'WORKDIR /app',
      'COPY --from=deps /src/target/*.jar /app/app.jar',
    );
  }
  lines.push(`EXPOSE ${service.port}`);
  if (healthcheck)
    lines.push(`HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["wget", "-qO-", "http://127.0.0.1:${service.port}/healthz"]`);
  if (user) lines.push(service.language === 'node' ? 'USER node' : 'USER 10001:10001');
  const entry: Record<Service['language'], string> = {
    node: 'CMD ["node", "dist/server.js"]',
    go: `ENTRYPOINT ["/usr/local/bin/${service.name}"]`,
    python: 'CMD ["gunicorn", "-c", "gunicorn.conf.py", "app.main:app"]',
    java: 'ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]',
  };
  lines.push(entry[service.language], '');
  return lines.join('\n');
}

function devDockerfile(service: Service): string {
  const image = BASES[service.language].build[0];
  return `FROM ${image}\nWORKDIR /src\nRUN apt-get update && apt-get install -y --no-install-recommends curl git make && rm -rf /var/lib/apt/lists/*\nCOPY . .\nEXPOSE ${service.port}\nCMD ["make", "dev"]\n`;
}

function migrateDockerfile(service: Service): string {
  return `FROM migrate/migrate:v4.17.1\nCOPY migrations /migrations\nENTRYPOINT ["migrate", "-path", "/migrations"]\nCMD ["-database", "postgres://${service.name}@db:5432/${service.name}?sslmode=disable", "up"]\n`;
}

function compose(service: Service, random: Random): string {
  const lines = [
    `name: ${service.name}`,
    'services:',
    '  app:',
    '    build:',
    '      context: .',
    '      target: runtime',
    `    image: registry.example.com/shop/${service.name}:\${TAG:-latest}`,
    '    ports:',
    `      - "${service.port}:${service.port}"`,
    '    environment:',
    `      LOG_LEVEL: \${LOG_LEVEL:-info}`,
    `      PORT: "${service.port}"`,
  ];
  if (service.database) lines.push(`      DATABASE_URL: postgres://${service.name}:\${DB_PASSWORD}@db:5432/${service.name}`);
  if (random.chance(0.5))
    lines.push(
      '    healthcheck:',
      `      test: ["CMD", "wget", "-qO-", "http://127.0.0.1:${service.port}/healthz"]`,
      '      interval: 10s',
      '      timeout: 3s',
      '      retries: 5',
    );
  if (service.database) {
    lines.push(
      '    depends_on:',
      '      db:',
      '        condition: service_healthy',
      '  db:',
      '    image: postgres:16.3-alpine',
      '    environment:',
      `      POSTGRES_DB: ${service.name}`,
      `      POSTGRES_USER: ${service.name}`,
      '      POSTGRES_PASSWORD: ${DB_PASSWORD}',
      '    volumes:',
      '      - db-data:/var/lib/postgresql/data',
      '    healthcheck:',
      `      test: ["CMD-SHELL", "pg_isready -U ${service.name}"]`,
      '      interval: 5s',
      'volumes:',
      '  db-data: {}',
    );
  }
  return `${lines.join('\n')}\n`;
}

function composeOverride(service: Service): string {
  return `# Local development: picked up by a plain \`docker compose up\`.
services:
  app:
    build:
      target: deps
    command: ["npm", "run", "dev"]
    volumes:
      - ./src:/src/src:ro
    environment:
      LOG_LEVEL: debug
      FEATURE_FLAGS: "all"
    ports:
      - "9229:9229"
${service.database ? '  db:\n    ports:\n      - "5432:5432"\n' : ''}`;
}

function composeProd(service: Service, random: Random): string {
  const replicas = random.pick([1, 2, 3]);
  return `# Production: docker compose -f compose.yaml -f compose.prod.yaml up -d
services:
  app:
    image: registry.example.com/shop/${service.name}:\${TAG:?set TAG}
    restart: unless-stopped
    deploy:
      replicas: ${replicas}
      resources:
        limits:
          cpus: "1.0"
          memory: 512M
    logging:
      driver: json-file
      options:
        max-size: 10m
        max-file: "3"
    read_only: true
    security_opt:
      - no-new-privileges:true
`;
}
