import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { runCli } from '../../../src/cli/runCli';
import type { CliEnvironment } from '../../../src/cli/runCli';
import type { Terminal } from '../../../src/cli/terminal';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `stage-guide …` in-process with a plain 80-column terminal. */
export function check(cwd: string, ...args: string[]): Promise<CliRun> {
  return checkWith({}, cwd, ...args);
}

/** As check, with more of the CLI's environment (how it starts its file worker threads). */
export async function checkWith(extra: Pick<CliEnvironment, 'startFileWorker'>, cwd: string, ...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const term: Terminal = { out: (line = '') => out.push(line), err: (line = '') => err.push(line), color: false, width: 80, isTTY: false };
  const code = await runCli(['check', ...args], { ...extra, term, cwd, today: '2025-01-01' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The folders workspace() made: removed when the test process ends (a test may still read its folder in an after hook). */
const madeFolders: string[] = [];
process.once('exit', () => {
  for (const folder of madeFolders) rmSync(folder, { recursive: true, force: true });
});

/** A throw-away workspace folder with the given files (relative paths), removed when the tests end. */
export function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'stage-guide-check-'));
  madeFolders.push(root);
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), text);
  }
  return root;
}

let validator: ValidateFunction | undefined;

/**
 * The official SARIF 2.1.0 schema (as shipped by @microsoft/jest-sarif),
 * compiled with ajv 8. The schema is draft-04: its root `id` becomes `$id`
 * (it uses no other keyword that changed meaning after draft-04), `strict` is
 * off for its extra keywords, and one of its patterns is not valid with the
 * `u` flag, so regular expressions are compiled without it. ajv 8 ships no
 * "uri"/"date-time" formats; they are checked by their syntax here.
 */
export function sarifValidator(): ValidateFunction {
  if (!validator) {
    const path = join(__dirname, '..', '..', '..', 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
    const {
      $schema: _draft,
      id,
      ...schema
    } = JSON.parse(readFileSync(path, 'utf8')) as { $schema: string; id: string } & Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    ajv.addFormat('uri', /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/);
    ajv.addFormat('uri-reference', /^\S*$/);
    ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
    validator = ajv.compile({ ...schema, $id: id });
  }
  return validator;
}

export function assertValidSarif(text: string): Record<string, unknown> {
  const sarif = JSON.parse(text) as Record<string, unknown>;
  const validate = sarifValidator();
  if (!validate(sarif)) throw new Error(`invalid SARIF: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
  return sarif;
}

/** One issue of a GitLab Code Quality report: the CodeClimate fields GitLab reads. */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

let codeQuality: ValidateFunction | undefined;

/**
 * The fields of a Code Quality report GitLab reads (docs.gitlab.com, "Code
 * Quality report format"): an array of issues, each with a description, a
 * check_name, a fingerprint, one of five severities, and a location with a
 * path and a 1-based begin line.
 */
export function codeQualityValidator(): ValidateFunction {
  codeQuality ??= new Ajv({ allErrors: true }).compile({
    type: 'array',
    items: {
      type: 'object',
      required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
      properties: {
        description: { type: 'string', minLength: 1 },
        check_name: { type: 'string', minLength: 1 },
        fingerprint: { type: 'string', minLength: 1 },
        severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
        location: {
          type: 'object',
          required: ['path', 'lines'],
          properties: {
            path: { type: 'string', minLength: 1, not: { pattern: '^/' } },
            lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } },
          },
        },
      },
    },
  });
  return codeQuality;
}

export function assertValidCodeQuality(text: string): CodeQualityIssue[] {
  const issues = JSON.parse(text) as CodeQualityIssue[];
  const validate = codeQualityValidator();
  if (!validate(issues)) throw new Error(`invalid Code Quality report: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
  return issues;
}
