import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runInNewContext } from 'node:vm';
import { check } from 'recheck';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { REPO_ROOT } from './seedTable';

/**
 * Issue 10, item 7: every regular expression Stage Guide runs over a
 * repository's text is checked for catastrophic backtracking with recheck
 * (an automaton-based ReDoS checker). Exponential and polynomial ones fail
 * the test: a file within the 1 MiB read limit must never make a regex take
 * seconds (`FROM` with `A${` repeated once took 7 s per 24 KB).
 *
 * The regexes are found with the TypeScript compiler API: every literal and
 * every `new RegExp(…)`/`RegExp(…)` whose source the file itself spells out
 * (string literals, `String.raw`, templates of same-file constants). A
 * `new RegExp` built from anything else must be listed in DYNAMIC below, with
 * where its sources come from; those sources (data/signals.yml regexes) are
 * checked here as well.
 */
const DYNAMIC: Record<string, string> = {
  'src/core/evidence/catalog/dataRegex.ts': 'regexes written in data/signals.yml (`matches:`): checked below',
};

/**
 * Verdicts already proven, so the suite does not re-run recheck (about a
 * second per regex, most of the audit's time) on regexes that have not
 * changed. Each entry is a hash of (recheck version, regex source, flags)
 * whose check said `safe`: a new or changed regex, or another recheck, has no
 * entry and is checked in full right there. Verdicts that needed V8's
 * confirmation (a fuzzer's attack that V8 matches fast) are never recorded.
 * An entry whose regex is gone fails the test (refresh it);
 * `STAGE_GUIDE_REGEX_AUDIT_RECORD=1` checks every regex and rewrites the file.
 */
const VERDICTS_PATH = join(REPO_ROOT, 'test', 'unit', 'foundation', 'regexAudit.verdicts.json');
const RECHECK_VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'recheck', 'package.json'), 'utf8')) as { version: string }
).version;
/** Per regex: an `unknown` (timed out) verdict fails the test, so this bounds a hang and passes nothing. */
const CHECK_TIMEOUT_MS = 60000;

function verdictKey(regex: FoundRegex): string {
  return createHash('sha256').update(`recheck@${RECHECK_VERSION}\0${regex.source}\0${regex.flags}`).digest('hex').slice(0, 24);
}

function recordedVerdicts(): Set<string> {
  if (!existsSync(VERDICTS_PATH)) return new Set();
  return new Set((JSON.parse(readFileSync(VERDICTS_PATH, 'utf8')) as { safe: string[] }).safe);
}

interface FoundRegex {
  where: string;
  source: string;
  flags: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Static string value of an expression, resolving same-file `const` names; undefined when not static. */
function staticString(node: ts.Expression, constants: Map<string, ts.Expression>, seen = new Set<string>()): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return staticString(node.expression, constants, seen);
  if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === 'String.raw') {
    const template = node.template;
    if (ts.isNoSubstitutionTemplateLiteral(template)) return template.rawText ?? template.text;
    let out = template.head.rawText ?? template.head.text;
    for (const span of template.templateSpans) {
      const value = staticString(span.expression, constants, seen);
      if (value === undefined) return undefined;
      out += value + (span.literal.rawText ?? span.literal.text);
    }
    return out;
  }
  if (ts.isTemplateExpression(node)) {
    let out = node.head.text;
    for (const span of node.templateSpans) {
      const value = staticString(span.expression, constants, seen);
      if (value === undefined) return undefined;
      out += value + span.literal.text;
    }
    return out;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = staticString(node.left, constants, seen);
    const right = staticString(node.right, constants, seen);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  if (ts.isIdentifier(node) && constants.has(node.text) && !seen.has(node.text)) {
    return staticString(constants.get(node.text)!, constants, new Set([...seen, node.text]));
  }
  // `SOME_REGEX.source` of a same-file regex constant.
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'source' && ts.isIdentifier(node.expression)) {
    const target = constants.get(node.expression.text);
    if (target && ts.isRegularExpressionLiteral(target)) return literalParts(target.text).source;
  }
  return undefined;
}

function literalParts(text: string): { source: string; flags: string } {
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1) };
}

let extracted: { found: FoundRegex[]; dynamic: string[] } | undefined;

/** Every regex of src/ (parsed once per run: the three tests share it). */
function sourceRegexes(): { found: FoundRegex[]; dynamic: string[] } {
  extracted ??= extractSourceRegexes();
  return extracted;
}

function extractSourceRegexes(): { found: FoundRegex[]; dynamic: string[] } {
  const found: FoundRegex[] = [];
  const dynamic: string[] = [];
  for (const path of tsFiles(join(REPO_ROOT, 'src'))) {
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const rel = relative(REPO_ROOT, path);
    const constants = new Map<string, ts.Expression>();
    const collectConstants = (node: ts.Node): void => {
      if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.initializer &&
        ts.isVariableDeclarationList(node.parent) &&
        node.parent.flags & ts.NodeFlags.Const
      ) {
        constants.set(node.name.text, node.initializer);
      }
      ts.forEachChild(node, collectConstants);
    };
    collectConstants(file);
    const where = (node: ts.Node) => `${rel}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) found.push({ where: where(node), ...literalParts(node.text) });
      if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const [sourceArg, flagsArg] = node.arguments ?? [];
        const source = sourceArg ? staticString(sourceArg, constants) : undefined;
        const flags = flagsArg ? staticString(flagsArg, constants) : '';
        if (source === undefined || flags === undefined) dynamic.push(where(node));
        else found.push({ where: where(node), source, flags });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { found, dynamic };
}

/** Every `matches:` regex in data/signals.yml (file globs there are matched by src/core/glob/linearGlob.ts, no regex). */
function dataRegexes(): FoundRegex[] {
  const found: FoundRegex[] = [];
  const walk = (value: unknown, key: string, path: string): void => {
    if (typeof value === 'string' && key === 'matches') {
      const caseless = value.startsWith('(?i)');
      found.push({ where: `data/signals.yml ${path}`, source: caseless ? value.slice(4) : value, flags: caseless ? 'i' : '' });
    } else if (Array.isArray(value)) value.forEach((item, index) => walk(item, key, `${path}[${index}]`));
    else if (value && typeof value === 'object') for (const [inner, item] of Object.entries(value)) walk(item, inner, `${path}.${inner}`);
  };
  walk(parse(readFileSync(join(REPO_ROOT, 'data', 'signals.yml'), 'utf8')), '', '');
  return found;
}

/**
 * Whether the fuzzer's attack, pumped to about 256 KB, takes V8 more than a
 * second: polynomial backtracking does (n² is 6·10¹⁰ steps there), a linear
 * match takes milliseconds. The fuzzer measures its own VM, and flagged
 * alternations of literal words that V8 matches in linear time.
 */
function slowInV8(regex: FoundRegex, attack: { pumps: Array<{ prefix: string; pump: string }>; suffix: string }): boolean {
  const pumpLength = attack.pumps.reduce((sum, pump) => sum + pump.pump.length, 0) || 1;
  const times = Math.ceil((256 * 1024) / pumpLength);
  const text = attack.pumps.map((pump) => pump.prefix + pump.pump.repeat(times)).join('') + attack.suffix;
  try {
    // In a vm context with a timeout: V8 interrupts a runaway match instead of hanging the suite.
    runInNewContext('pattern.test(text)', { pattern: new RegExp(regex.source, regex.flags.replace('g', '')), text }, { timeout: 1000 });
    return false;
  } catch {
    return true;
  }
}

describe('foundation: regex audit (recheck: no exponential or polynomial backtracking)', function () {
  this.timeout(900000);

  it('finds the regexes of src/ (a sanity check of the extraction itself)', () => {
    const { found } = sourceRegexes();
    assert.ok(found.length > 100, `only ${found.length} regexes found in src/`);
    assert.ok(
      found.some((regex) => regex.where.startsWith('src/core/rules/ci/shellCommands.ts') && regex.source.includes('curl|wget')),
      'template-built regexes are resolved',
    );
  });

  it('builds a regex from a non-literal source only where DYNAMIC says where the sources come from', () => {
    const { dynamic } = sourceRegexes();
    const unexplained = dynamic.filter((where) => !(where.split(':')[0] in DYNAMIC));
    assert.deepEqual(
      unexplained,
      [],
      'a `new RegExp` built from text: use a linear matcher (src/core/glob/linearGlob.ts) or list where its sources come from',
    );
  });

  it('recheck finds the checker able to fail (a known-bad regex is flagged)', async () => {
    const result = await check('^(a|a)*$', '');
    assert.equal(result.status, 'vulnerable');
    const polynomial = await check('^\\s*a\\s*\\s*b', '');
    assert.equal(polynomial.status, 'vulnerable');
  });

  it('no regex of src/ or of data backtracks exponentially or polynomially', async () => {
    const all = [...sourceRegexes().found, ...dataRegexes()];
    // Each distinct regex once, wherever it is used.
    const unique = new Map<string, FoundRegex[]>();
    for (const regex of all)
      unique.set(`/${regex.source}/${regex.flags}`, [...(unique.get(`/${regex.source}/${regex.flags}`) ?? []), regex]);
    const record = process.env.STAGE_GUIDE_REGEX_AUDIT_RECORD === '1';
    const recorded = record ? new Set<string>() : recordedVerdicts();
    const safe = new Set<string>();
    const failures: string[] = [];
    let checked = 0;
    for (const [key, uses] of unique) {
      const hash = verdictKey(uses[0]);
      if (recorded.has(hash)) {
        safe.add(hash);
        continue;
      }
      checked++;
      const result = await check(uses[0].source, uses[0].flags, { timeout: CHECK_TIMEOUT_MS });
      // The automaton checker's verdict is exact; a fuzzing verdict is confirmed in V8 itself on its attack pumped to 256 KB.
      if (result.status === 'vulnerable' && (result.checker === 'automaton' || slowInV8(uses[0], result.attack)))
        failures.push(
          `${key} (${result.complexity.type}) at ${uses.map((use) => use.where).join(', ')}; attack: ${JSON.stringify(result.attack.pattern)}`,
        );
      else if (result.status === 'unknown')
        failures.push(`${key} could not be checked (${result.error.kind}) at ${uses.map((use) => use.where).join(', ')}`);
      else if (result.status === 'safe') safe.add(hash);
    }
    assert.deepEqual(failures, []);
    if (record) writeFileSync(VERDICTS_PATH, `${JSON.stringify({ recheck: RECHECK_VERSION, safe: [...safe].sort() }, null, 2)}\n`);
    else if (checked > 0)
      console.log(
        `      regex audit: ${checked} of ${unique.size} regexes had no recorded verdict and were checked in full (STAGE_GUIDE_REGEX_AUDIT_RECORD=1 records them)`,
      );
    const stale = [...recorded].filter((hash) => !safe.has(hash));
    assert.deepEqual(
      stale,
      [],
      `recorded verdicts for regexes no longer in src/ or data: refresh ${relative(REPO_ROOT, VERDICTS_PATH)} (run this test with STAGE_GUIDE_REGEX_AUDIT_RECORD=1)`,
    );
  });
});
