import * as assert from 'node:assert/strict';
import { Composer, Parser } from 'yaml';
import { parseTerraformFile } from '../../../../src/core/format/terraform/terraformFile';
import { analysisReadsWorkspaceFacts, analyzeFile } from '../../../../src/core/rules/engine/analyzeFile';
import { KINDS_READING_WORKSPACE_FACTS } from '../../../../src/core/rules/engine/analyzerRegistry';
import { hasKubernetesObjectInCst } from '../../../../src/core/format/fileKinds';
import { FILE_KINDS, NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';
import type { FileKind } from '../../../../src/core/rules/types';
import { parseYamlCst, parseYamlFile } from '../../../../src/core/rules/yaml/yamlSupport';

const MANIFEST =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web # stage-guide: ignore k8s/image-tag\n          image: web\n';

/** Counts yaml's lexer/parser and composer runs while `run` runs. */
function countParses<T>(run: () => T): { result: T; parses: number; compositions: number } {
  const parse = Parser.prototype.parse;
  const compose = Composer.prototype.compose;
  let parses = 0;
  let compositions = 0;
  Parser.prototype.parse = function (this: Parser, ...args: Parameters<Parser['parse']>) {
    parses++;
    return parse.apply(this, args);
  };
  Composer.prototype.compose = function (this: Composer, ...args: Parameters<Composer['compose']>) {
    compositions++;
    return compose.apply(this, args);
  } as Composer['compose'];
  try {
    return { result: run(), parses, compositions };
  } finally {
    Parser.prototype.parse = parse;
    Composer.prototype.compose = compose;
  }
}

/** Texts on both sides of Kubernetes detection (multi-document files, quoted keys, templates, broken YAML), and the answer. */
const DETECTION_CORPUS: Array<[string, boolean]> = [
  [MANIFEST, true],
  [`# config\nfoo: 1\n---\n${MANIFEST}`, true],
  ['"apiVersion": v1\n\'kind\': Service\n', true],
  ['kind: Deployment\nreplicas: 2\n', false],
  ['apiVersion: v2\nname: web\n', false],
  ['- apiVersion: v1\n  kind: Pod\n', false],
  ['{apiVersion: v1, kind: Pod}\n', true],
  // A template whose actions break the YAML, or sit where YAML reads a map inside a map: skipped quietly.
  ['{{- if .Values.enabled }}\napiVersion: v1\nkind: Pod\n{{- end }}\n', false],
  [`${MANIFEST}spec:\n  replicas: {{ .Values.replicas }}\n`, false],
  ['apiVersion: v1\nkind: ConfigMap\ndata:\n  greeting: "{{ hello }}"\n', true],
  // Broken YAML whose top level still names both keys counts.
  ['apiVersion: [\nkind: {', true],
  ['\t\tkind: x\napiVersion: y', true],
  ['apiVersion: v1\nkind: Pod\n---\nbroken: [1,\n', true],
  ['spec:\n  apiVersion: v1\n  kind: Pod\n', false],
  ['', false],
];

describe('analyzeFile: one parse per file', () => {
  it('detects Kubernetes objects from the tokens of the one parse', () => {
    for (const [text, expected] of DETECTION_CORPUS) {
      assert.equal(hasKubernetesObjectInCst(parseYamlCst(text).tokens, text), expected, JSON.stringify(text));
    }
  });

  it('lexes and composes a Kubernetes manifest once: detection, rules and suppression comments share the parse', () => {
    const { result, parses, compositions } = countParses(() => analyzeFile('/repo/k8s/deploy.yaml', MANIFEST, NO_WORKSPACE_FACTS));
    assert.equal(result?.kind, 'kubernetes');
    assert.ok(result && result.suppressions.byLine.size > 0, 'the inline suppression is still read');
    assert.equal(parses, 1);
    assert.equal(compositions, 1);
  });

  it('only lexes a YAML file that turns out not to be a manifest, and never parses one without both words', () => {
    assert.equal(countParses(() => analyzeFile('/repo/values.yaml', 'kind: Deployment\nreplicas: 2\n', NO_WORKSPACE_FACTS)).parses, 0);
    const other = countParses(() => analyzeFile('/repo/cfg.yaml', 'spec:\n  apiVersion: v1\n  kind: Pod\n', NO_WORKSPACE_FACTS));
    assert.equal(other.result, undefined);
    assert.equal(other.parses, 1);
    assert.equal(other.compositions, 0);
  });

  it('analyses a parse handed over by the caller without parsing again, with the same result as from the text', () => {
    const compose = 'services:\n  web:\n    image: web # stage-guide: ignore compose/image-tag\n';
    const workflow =
      'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest # stage-guide: ignore gha/job-timeout-minutes\n    steps:\n      - uses: actions/checkout@v4\n';
    const pipeline = 'test:\n  image: node # stage-guide: ignore gitlab/image-tag\n  script: [npm test]\n';
    const samples = [
      ['/repo/k8s/deploy.yaml', MANIFEST],
      ['/repo/compose.yaml', compose],
      ['/repo/.github/workflows/ci.yml', workflow],
      ['/repo/.gitlab-ci.yml', pipeline],
    ] as const;
    for (const [path, text] of samples) {
      const fromText = analyzeFile(path, text, NO_WORKSPACE_FACTS);
      const parsed = parseYamlFile(text, true);
      const shared = countParses(() => analyzeFile(path, text, NO_WORKSPACE_FACTS, { parsedYaml: () => parsed }));
      assert.equal(shared.parses, 0, path);
      assert.equal(shared.compositions, 0, path);
      assert.deepEqual(shared.result, fromText, path);
      assert.ok(
        fromText && fromText.suppressions.byLine.size > 0 && fromText.findings.length > 0,
        `${path}: the sample has findings and a suppression to read`,
      );
    }
  });

  it("detects a manifest on its own tokens when the caller's parse kept none, and still analyses the caller's documents", () => {
    const text = MANIFEST.replace(' # stage-guide: ignore k8s/image-tag', '');
    const parsed = parseYamlFile(text, false);
    const shared = countParses(() => analyzeFile('/repo/k8s/deploy.yaml', text, NO_WORKSPACE_FACTS, { parsedYaml: () => parsed }));
    assert.equal(shared.parses, 1);
    assert.equal(shared.compositions, 0);
    assert.equal(shared.result?.kind, 'kubernetes');
    assert.deepEqual(shared.result, analyzeFile('/repo/k8s/deploy.yaml', text, NO_WORKSPACE_FACTS));
  });

  it("asks for the caller's parse only for YAML it reads", () => {
    let asked = 0;
    const parsedYaml = () => {
      asked++;
      return undefined;
    };
    analyzeFile('/repo/README.md', '# hi', NO_WORKSPACE_FACTS, { parsedYaml });
    analyzeFile('/repo/Dockerfile', 'FROM node\n', NO_WORKSPACE_FACTS, { parsedYaml });
    analyzeFile('/repo/values.yaml', 'a: 1\n', NO_WORKSPACE_FACTS, { parsedYaml });
    assert.equal(asked, 0);
    assert.equal(
      analyzeFile('/repo/k8s/deploy.yaml', MANIFEST, NO_WORKSPACE_FACTS, { parsedYaml })?.kind,
      'kubernetes',
      'falls back to its own parse',
    );
    assert.equal(asked, 1);
  });
});

describe('analyzeFile: which kinds read the workspace facts', () => {
  const SAMPLES: Record<FileKind, [string, string]> = {
    dockerfile: ['/repo/Dockerfile', 'FROM node:20\nCMD node server.js\n'],
    'github-actions': [
      '/repo/.github/workflows/ci.yml',
      'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    ],
    'gitlab-ci': ['/repo/.gitlab-ci.yml', 'test:\n  image: node\n  script: [npm test]\n'],
    compose: ['/repo/compose.yaml', 'services:\n  web:\n    image: web\n'],
    kubernetes: ['/repo/k8s/deploy.yaml', MANIFEST],
    terraform: ['/repo/infra/main.tf', 'resource "aws_db_instance" "main" {\n  backup_retention_period = var.days\n}\n'],
  };

  it('gives the same analysis whatever the facts for every kind not declared to read them', () => {
    for (const kind of FILE_KINDS) {
      const [path, text] = SAMPLES[kind];
      assert.equal(analysisReadsWorkspaceFacts(path), KINDS_READING_WORKSPACE_FACTS.has(kind), path);
      if (KINDS_READING_WORKSPACE_FACTS.has(kind)) continue;
      assert.deepEqual(
        analyzeFile(path, text, { deploysWithKubernetes: true }),
        analyzeFile(path, text, { deploysWithKubernetes: false }),
        kind,
      );
    }
  });

  it('says Dockerfiles read them (HEALTHCHECK advice depends on Kubernetes probes)', () => {
    const [path, text] = SAMPLES.dockerfile;
    assert.notDeepEqual(
      analyzeFile(path, text, { deploysWithKubernetes: true }),
      analyzeFile(path, text, { deploysWithKubernetes: false }),
    );
    assert.equal(analysisReadsWorkspaceFacts('/repo/README.md'), false);
  });

  it('says Terraform files read them (a variable declared in another file of the module resolves)', () => {
    const [path, text] = SAMPLES.terraform;
    const variables = parseTerraformFile('/repo/infra/variables.tf', 'variable "days" {\n  default = 0\n}\n');
    const withModule = analyzeFile(path, text, { deploysWithKubernetes: false, terraform: { files: [variables] } });
    const alone = analyzeFile(path, text, NO_WORKSPACE_FACTS);
    assert.ok(withModule?.findings.some((finding) => finding.ruleId === 'tf/db-backups'));
    assert.ok(!alone?.findings.some((finding) => finding.ruleId === 'tf/db-backups'));
  });
});
