import { DockerfileParser } from 'dockerfile-ast';
import { LineCounter, parseAllDocuments } from 'yaml';
import { analyzeFile } from '../../src/core/rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../src/core/rules/types';
import { median, time } from './timing';

/**
 * The analysis benchmark (issue: config-file guidance): for a generated
 * 5,000-line file of each kind, the time of a full `analyzeFile` (parse +
 * every rule + anchors + suppressions) as a ratio to the bare parse of the
 * same text by the same parser. Goal ≤ 1.5×. Runs are interleaved (parse,
 * analysis, parse, …) and the ratio is the median of each analysis over the
 * parse right before it, so load on a shared machine hits both sides of a
 * ratio alike. Reports; never fails.
 *
 * The YAML reference is the least any analysis needs, parsed as the analysis
 * parses (`parseYamlFile`): every document with positions (`parseAllDocuments`
 * with a LineCounter) and duplicate keys allowed (`uniqueKeys: false`). yaml's
 * default duplicate-key check compares every key of a map with the keys before
 * it, which costs 5-7% more on a file with a long `jobs:` or `services:` map and
 * would flatter the ratio.
 */
const RUNS = 15;
const LINES = 5000;

interface Input {
  kind: string;
  path: string;
  text: string;
  parse(text: string): unknown;
}

function repeatToLines(header: string[], block: (i: number) => string[]): string {
  const lines = [...header];
  for (let i = 0; lines.length < LINES; i++) lines.push(...block(i));
  return `${lines.join('\n')}\n`;
}

const yamlParse = (text: string) => parseAllDocuments(text, { lineCounter: new LineCounter(), uniqueKeys: false });

/** The generated inputs, one per kind (exported for profiling drivers). */
export function inputs(): Input[] {
  return [
    {
      kind: 'dockerfile',
      path: '/bench/Dockerfile',
      parse: (text) => DockerfileParser.parse(text),
      text: repeatToLines(['FROM node:20 AS build', 'WORKDIR /app'], (i) => [
        `ARG VERSION_${i}=1.${i}`,
        `RUN apt-get update && apt-get install -y curl-${i} \\`,
        `    && curl -fsSL https://example.com/${i}.sh | bash`,
        `COPY src/${i} ./src/${i}`,
        `ENV SETTING_${i}=value-${i}`,
      ]).concat('FROM node:20-slim\nCOPY --from=build /app /app\nCMD ["node", "/app/server.js"]\n'),
    },
    {
      kind: 'github-actions',
      path: '/bench/.github/workflows/ci.yml',
      parse: yamlParse,
      text: repeatToLines(['name: ci', 'on: [push, pull_request]', 'jobs:'], (i) => [
        `  job-${i}:`,
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        `      - run: npm ci && npm test -- --shard=${i}`,
        '      - uses: some-org/some-action@v1',
      ]),
    },
    {
      kind: 'gitlab-ci',
      path: '/bench/.gitlab-ci.yml',
      parse: yamlParse,
      text: repeatToLines(['stages: [test, deploy]', 'image: node:20'], (i) => [
        `job-${i}:`,
        '  stage: test',
        '  script:',
        `    - npm test -- --shard=${i}`,
        '  artifacts:',
        '    paths: [coverage/]',
      ]),
    },
    {
      kind: 'compose',
      path: '/bench/compose.yaml',
      parse: yamlParse,
      text: repeatToLines(['services:'], (i) => [
        `  svc-${i}:`,
        `    image: registry.example.com/svc-${i}:1.0.${i}`,
        '    ports:',
        `      - "${10000 + i}:8080"`,
        '    environment:',
        `      LOG_LEVEL: info`,
      ]),
    },
    {
      kind: 'kubernetes',
      path: '/bench/deploy.yaml',
      parse: yamlParse,
      text: repeatToLines([], (i) => [
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        `metadata: {name: app-${i}, namespace: shop}`,
        'spec:',
        '  replicas: 2',
        `  selector: {matchLabels: {app: app-${i}}}`,
        '  template:',
        `    metadata: {labels: {app: app-${i}}}`,
        '    spec:',
        '      containers:',
        `        - name: app-${i}`,
        `          image: shop/app-${i}:1.2.3`,
        '          resources: {requests: {cpu: 100m, memory: 128Mi}}',
      ]),
    },
  ];
}

export function runAnalysisBench(): void {
  console.log(`analysis bench: ${LINES}-line files, median of ${RUNS} interleaved pairs (goal: analysis ≤ 1.5× bare parse)`);
  console.log(
    '  analysis = analyzeFile end to end (kind detection, parse, every rule with its fixes, anchors, suppressions); yaml parse = parseAllDocuments with a LineCounter, duplicate keys allowed (as analyzeFile parses)',
  );
  for (const input of inputs()) {
    const kind = analyzeFile(input.path, input.text, NO_WORKSPACE_FACTS)?.kind;
    if (kind !== input.kind) throw new Error(`bench input ${input.path} was read as ${kind}, not ${input.kind}`);
    const parseTimes: number[] = [];
    const analysisTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      parseTimes.push(time(() => input.parse(input.text)));
      analysisTimes.push(time(() => analyzeFile(input.path, input.text, NO_WORKSPACE_FACTS)));
    }
    const parse = median(parseTimes);
    const analysis = median(analysisTimes);
    const pairedRatio = median(analysisTimes.map((time, run) => time / parseTimes[run]));
    const lines = input.text.split('\n').length - 1;
    console.log(
      `  ${input.kind.padEnd(15)} ${String(lines).padStart(5)} lines  parse ${parse.toFixed(1).padStart(7)} ms  analysis ${analysis.toFixed(1).padStart(7)} ms  ratio ${pairedRatio.toFixed(2)}× (of medians ${(analysis / parse).toFixed(2)}×)`,
    );
  }
}
