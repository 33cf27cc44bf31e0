import { strict as assert } from 'node:assert';
import { minimatch } from 'minimatch';
import { check } from 'recheck';
import { compileLinearGlob, compileWildcard, expandBraces, linearGlobMatch, MAX_BRACE_EXPANSIONS } from '../../../src/core/glob/linearGlob';
import { globMatches, globProblem } from '../../../src/core/stageFile/globs';
import { dependabotCovers } from '../../../src/core/evidence/signals/derived/manifestSignals';
import { queryPath } from '../../../src/core/evidence/parsers/locatedTree';
import { globTester } from '../../../src/core/evidence/signals/matchers';

/** Generous: each call below is microseconds when linear; the regex engines took seconds to hours. */
const DEADLINE_MS = 2000;

function within(deadlineMs: number, run: () => void): number {
  const started = Date.now();
  run();
  const elapsed = Date.now() - started;
  assert.ok(elapsed < deadlineMs, `took ${elapsed} ms (deadline ${deadlineMs} ms)`);
  return elapsed;
}

const HOSTILE = 'a*a*a*a*a*a*a*a*b';
const LONG_NAME = 'a'.repeat(255);

describe('foundation: linear glob matching (repository globs never become regular expressions)', () => {
  it('agrees with minimatch { dot: true } on ordinary patterns and paths', () => {
    const patterns = [
      '*',
      '**',
      'a/**',
      '**/a',
      'a/*/c',
      '*.md',
      'docs/**/*.md',
      'a?c',
      '[ab]*',
      '[!a]*',
      '[a-c]?',
      'x/{a,b}/y',
      '{a,b/c}',
      'a/**/b',
      '**/*.{js,ts}',
      'dir/',
      'dir',
      '.*',
      'a\\*b',
      'a**b',
      'scripts/**',
      '**/test/**',
      'a/b/',
      '**/',
      'a/*',
      '*/',
      '**/*',
      '!a',
      '!*.md',
      '**/b/**/c',
    ];
    const paths = [
      'a',
      'b',
      'a/b',
      'a/b/c',
      'a/x/c',
      'docs/x.md',
      'docs/a/b/c.md',
      'x.md',
      'abc',
      'acc',
      '.env',
      'x/a/y',
      'x/c/y',
      'b/c',
      'src/x.ts',
      'src/a/y.js',
      'dir',
      'dir/x',
      'a*b',
      'axxb',
      'scripts/x/y',
      'p/test/q',
      'test',
      'a/b/',
      'dir/',
      'test/x',
      'x/test',
      'a/',
      'b/x/c',
      'b/c/d/c',
    ];
    const mismatches: string[] = [];
    for (const pattern of patterns) {
      for (const matchBase of [false, true]) {
        for (const path of paths) {
          const expected = minimatch(path, pattern, { dot: true, matchBase: matchBase && !pattern.includes('/') });
          if (linearGlobMatch(path, pattern, { matchBase }) !== expected)
            mismatches.push(`${pattern} ~ ${path} (matchBase ${matchBase}): expected ${expected}`);
        }
      }
    }
    assert.deepEqual(mismatches, []);
  });

  it(`matches "${HOSTILE}" against 255-character names within a deadline (the regexes of minimatch and picomatch grow with the 8th power of the length)`, () => {
    within(DEADLINE_MS, () => {
      for (const pattern of [HOSTILE, `**/${HOSTILE}/**`, `${HOSTILE}/**/${HOSTILE}`, '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*c']) {
        const glob = compileLinearGlob(pattern, { matchBase: true });
        assert.equal(glob.match(LONG_NAME), false);
        assert.equal(glob.match(`x/${LONG_NAME}/y/${LONG_NAME}`), false);
      }
      assert.equal(compileLinearGlob(HOSTILE).match(`${LONG_NAME}b`), true);
    });
  });

  it(`exists because minimatch's regular expression for "${HOSTILE}" backtracks (recheck: 8th-degree polynomial)`, async function () {
    // The reason linearGlob.ts is hand-written, shown without timing anything: recheck's automaton
    // checker proves the regex minimatch.makeRe builds (picomatch builds the same `[^/]*?` chain) is
    // super-linear. If a minimatch release stops producing it, this fails and the library can be reconsidered.
    this.timeout(60_000);
    const regex = minimatch.makeRe(HOSTILE, { dot: true });
    assert.ok(regex instanceof RegExp);
    const verdict = await check(regex.source, regex.flags);
    assert.equal(verdict.status, 'vulnerable', regex.source);
    if (verdict.status === 'vulnerable') assert.deepEqual([verdict.complexity.type, verdict.checker], ['polynomial', 'automaton']);
  });

  it('matches many `**` segments against a deep path within a deadline', () => {
    const pattern = `${'**/a/'.repeat(40)}b`;
    const path = `${'a/'.repeat(2000)}c`;
    within(DEADLINE_MS, () => assert.equal(linearGlobMatch(path, pattern), false));
  });

  it('refuses brace expansions past the cap instead of allocating them', () => {
    assert.deepEqual(expandBraces('x/{a,b}/{c,d}'), ['x/a/c', 'x/a/d', 'x/b/c', 'x/b/d']);
    assert.equal(expandBraces('{a,b}'.repeat(20)), undefined, `2^20 alternatives exceed ${MAX_BRACE_EXPANSIONS}`);
    assert.deepEqual(expandBraces('{1..100000000}'), ['{1..100000000}'], 'numeric ranges stay literal');
    assert.match(globProblem('{a,b}'.repeat(20)) ?? '', /not a usable glob: .*alternatives/);
  });

  it('.stage.yml globs, Dependabot directories, data wildcards and key paths all finish on hostile input', () => {
    within(DEADLINE_MS, () => {
      assert.equal(globMatches(`src/${LONG_NAME}`, HOSTILE), false);
      assert.equal(globMatches(`src/${LONG_NAME}`, `src/${HOSTILE}`), false);
      assert.equal(dependabotCovers(`npm /${HOSTILE}`, LONG_NAME), false);
      assert.equal(dependabotCovers('npm /services/*', 'services/api'), true);
      assert.equal(dependabotCovers('npm /services/*', 'services/api/worker'), true);
      assert.equal(dependabotCovers('npm /services/*', 'web'), false);
      assert.equal(globTester(`*${HOSTILE}`).test('A'.repeat(5000)), false);
      assert.equal(globTester('@NestJS/*').test('@nestjs/core'), true);
      const tree = {
        kind: 'map' as const,
        line: 0,
        entries: [{ key: LONG_NAME.repeat(20), keyLine: 0, value: { kind: 'scalar' as const, value: 1, line: 0 } }],
      };
      assert.deepEqual(queryPath(tree, `[${HOSTILE}]`), []);
    });
  });

  it('a wildcard is literal apart from `*`', () => {
    const test = compileWildcard('a.b*');
    assert.equal(test('a.bc'), true);
    assert.equal(test('axbc'), false);
    assert.equal(compileWildcard('*')(''), true);
  });
});
