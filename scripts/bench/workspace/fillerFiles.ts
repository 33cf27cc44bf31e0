import type { Random } from './random';
import type { GeneratedFile, Service } from './service';

/**
 * The bulk of a service: source, tests and docs (the n-th file of its kind),
 * and YAML that is data, not deployment (test fixtures, feature flags,
 * copied examples). None of it says anything to a deployment reader, but a
 * scan still has to find that out.
 */
export function sourceFile(service: Service, n: number, random: Random): GeneratedFile {
  const area = AREAS[n % AREAS.length];
  const bucket = Math.floor(n / AREAS.length) % 12;
  const kind = random.next();
  if (kind < 0.12) return [`${service.dir}/docs/${area}/page-${n}.md`, markdown(service, n, random)];
  // Example apps with their own Dockerfile, the same in every copy (real repositories hold many such copies).
  if (kind < 0.14) return [`${service.dir}/examples/app-${n}/Dockerfile`, EXAMPLE_DOCKERFILE];
  const test = kind < 0.37;
  switch (service.language) {
    case 'node':
      return test
        ? [`${service.dir}/test/${area}/case-${n}.test.${n % 5 === 0 ? 'js' : 'ts'}`, nodeTest(n, random)]
        : [`${service.dir}/src/${area}/${bucket}/module-${n}.ts`, nodeSource(n, random)];
    case 'go':
      return test
        ? [`${service.dir}/internal/${area}/part${bucket}/file${n}_test.go`, goSource(n, random, true)]
        : [`${service.dir}/internal/${area}/part${bucket}/file${n}.go`, goSource(n, random, false)];
    case 'python':
      return test
        ? [`${service.dir}/tests/${area}/test_module_${n}.py`, pythonSource(n, random, true)]
        : [`${service.dir}/app/${area}/part${bucket}/module_${n}.py`, pythonSource(n, random, false)];
    default:
      return [
        `${service.dir}/src/${test ? 'test' : 'main'}/java/com/example/shop/${area}/Type${n}${test ? 'Test' : ''}.java`,
        javaSource(n, random),
      ];
  }
}

export function dataYamlFile(service: Service, n: number, random: Random): GeneratedFile {
  const kind = n % 10;
  // Copied examples: a service's quickstart manifest, the same in each of its examples (a few copies of one workload).
  if (kind === 0) return [`${service.dir}/examples/example-${n}/deployment.yaml`, quickstart(service)];
  if (kind < 4) return [`${service.dir}/config/features/flag-${n}.yaml`, featureFlag(n, random)];
  return [`${service.dir}/test/fixtures/${FIXTURE_NAMES[n % FIXTURE_NAMES.length]}-${n}.yaml`, fixture(n, random)];
}

const AREAS = ['domain', 'handlers', 'store', 'clients', 'jobs', 'util', 'auth', 'events'];
const FIXTURE_NAMES = ['order', 'customer', 'invoice', 'product', 'event', 'payload'];

function lines(count: number, make: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => make(i)).join('\n');
}

function nodeSource(n: number, random: Random): string {
  return `import { z } from 'zod';
import type { Logger } from 'pino';

export const Item${n} = z.object({ id: z.string(), quantity: z.number().int().nonnegative() });
export type Item${n} = z.infer<typeof Item${n}>;

${lines(random.int(3, 25), (i) => `export function step${i}(input: Item${n}, log: Logger): Item${n} {\n  log.debug({ step: ${i} }, 'step');\n  return { ...input, quantity: input.quantity + ${i} };\n}\n`)}
`;
}

function nodeTest(n: number, random: Random): string {
  return `import { describe, expect, it } from 'vitest';
import { step0 } from '../../src/domain/0/module-${n}';

describe('module ${n}', () => {
${lines(random.int(2, 12), (i) => `  it('handles case ${i}', () => {\n    expect(step0({ id: '${i}', quantity: ${i} }, console as never).quantity).toBe(${i});\n  });`)}
});
`;
}

function goSource(n: number, random: Random, test: boolean): string {
  const body = test
    ? lines(
        random.int(2, 10),
        (i) =>
          `func TestCase${n}_${i}(t *testing.T) {\n\tif got := Step${i}(${i}); got != ${i * 2} {\n\t\tt.Fatalf("got %d", got)\n\t}\n}\n`,
      )
    : lines(random.int(3, 20), (i) => `// Step${i} doubles its input.\nfunc Step${i}(v int) int {\n\treturn v * 2\n}\n`);
  return `package part${n % 12}\n\n${test ? 'import "testing"\n\n' : ''}${body}\n`;
}

function pythonSource(n: number, random: Random, test: boolean): string {
  const body = test
    ? lines(random.int(2, 10), (i) => `def test_case_${i}():\n    assert step_${i}(${i}) == ${i * 2}\n`)
    : lines(random.int(3, 20), (i) => `def step_${i}(value: int) -> int:\n    """Doubles the value (${n})."""\n    return value * 2\n`);
  return `from __future__ import annotations\n\nimport structlog\n\nlog = structlog.get_logger()\n\n${body}\n`;
}

function javaSource(n: number, random: Random): string {
  return `package com.example.shop;

public final class Type${n} {
${lines(random.int(3, 15), (i) => `  public static int step${i}(int value) {\n    return value * 2;\n  }\n`)}
}
`;
}

function markdown(service: Service, n: number, random: Random): string {
  return `# ${service.name}: topic ${n}\n\n${lines(random.int(3, 20), (i) => `Paragraph ${i} explains how ${service.name} handles case ${i}. It links to [the runbook](../runbook.md).\n`)}`;
}

function featureFlag(n: number, random: Random): string {
  return `name: flag-${n}\ndescription: Rollout of change ${n}\nenabled: ${random.chance(0.5)}\nrollout:\n  percentage: ${random.int(0, 100)}\n  segments: [internal, beta]\nowner: team-${n % 7}\n`;
}

function fixture(n: number, random: Random): string {
  const records = lines(
    random.int(5, 60),
    (i) =>
      `  - id: "${n}-${i}"\n    quantity: ${random.int(1, 99)}\n    tags: [a${i % 3}, b${i % 5}]\n    note: "record ${i} of fixture ${n}"`,
  );
  return `# Test fixture ${n}\nrecords:\n${records}\n`;
}

const EXAMPLE_DOCKERFILE = `FROM node:20.15.1-alpine
WORKDIR /app
COPY package.json ./
RUN npm install --omit=dev
COPY . .
EXPOSE 3000
CMD ["node", "index.js"]
`;

function quickstart(service: Service): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${service.name}-quickstart
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${service.name}-quickstart
  template:
    metadata:
      labels:
        app: ${service.name}-quickstart
    spec:
      containers:
        - name: app
          image: registry.example.com/shop/${service.name}:latest
          ports:
            - containerPort: 8080
`;
}
