import { DockerfileParser } from 'dockerfile-ast';
import { LineCounter, parseAllDocuments } from 'yaml';
import { analyzeFile, EDITOR_ANALYSIS } from '../../src/core/rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../src/core/rules/types';
import { cpuTime, median } from './timing';

/**
 * The analysis benchmark (issue: config-file guidance): for a generated
 * 5,000-line file of each kind, the CPU time of `analyzeFile` as the editor's
 * diagnostics run it as the user types (EDITOR_ANALYSIS: kind detection, parse,
 * every rule's findings, suppressions; a quick fix's edits are built when a code
 * action reads them and the hover anchors on the first hover; no digests, which
 * only a workspace scan reads) as a ratio to the
 * bare parse of the same text by the same parser. Goal ≤ 1.5×. Beside it, the
 * analysis that builds every fix's edits and every hover anchor at once (the
 * defaults: what the editor ran on every edit before, and fix-all runs).
 * Runs are interleaved (parse, editor analysis, full analysis, parse, …) and a
 * ratio is the median of each analysis over the parse right before it, so load on
 * a shared machine hits both sides of a ratio alike. Reports; never fails.
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
  console.log(
    `analysis bench: ${LINES}-line files, CPU time, median of ${RUNS} interleaved runs (goal: the editor's analysis ≤ 1.5× bare parse)`,
  );
  console.log(
    "  editor = analyzeFile as the editor's diagnostics run it on every edit (EDITOR_ANALYSIS: kind detection, parse, every rule's findings, suppressions; fixes' edits built when a code action reads them, hover anchors on the first hover, no digests); full = the defaults, every fix's edits, hover anchor and digest built at once (a scan, fix-all); yaml parse = parseAllDocuments with a LineCounter, duplicate keys allowed (as analyzeFile parses)",
  );
  for (const input of inputs()) {
    const kind = analyzeFile(input.path, input.text, NO_WORKSPACE_FACTS)?.kind;
    if (kind !== input.kind) throw new Error(`bench input ${input.path} was read as ${kind}, not ${input.kind}`);
    const parseTimes: number[] = [];
    const editorTimes: number[] = [];
    const fullTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      parseTimes.push(cpuTime(() => input.parse(input.text)));
      editorTimes.push(cpuTime(() => analyzeFile(input.path, input.text, NO_WORKSPACE_FACTS, EDITOR_ANALYSIS)));
      fullTimes.push(cpuTime(() => analyzeFile(input.path, input.text, NO_WORKSPACE_FACTS)));
    }
    const parse = median(parseTimes);
    const ratio = (times: number[]) => median(times.map((time, run) => time / parseTimes[run])).toFixed(2);
    const lines = input.text.split('\n').length - 1;
    console.log(
      `  ${input.kind.padEnd(15)} ${String(lines).padStart(5)} lines  parse ${parse.toFixed(1).padStart(6)} ms  editor ${median(editorTimes).toFixed(1).padStart(6)} ms ${ratio(editorTimes)}×  full ${median(fullTimes).toFixed(1).padStart(6)} ms ${ratio(fullTimes)}×`,
    );
  }
}
