import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { builtinMatrix } from '../../../../src/core/matrix/builtinMatrix';
import { builtinRuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import { collectAnchors } from '../../../../src/core/rules/engine/ruleAnchors';
import type { AnchorSource, RuleAnchor } from '../../../../src/core/rules/engine/ruleAnchors';
import type { RuleModule } from '../../../../src/core/rules/engine/ruleModule';
import type { ParseProblem } from '../../../../src/core/rules/types';
import { RULE_KINDS, rulesFolder } from '../../../../scripts/ruleRegistryFiles';
import { fixtureAnalyses } from '../fixtureAnalyses';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** Every kind's registered rule modules: the very objects the analyzers run. */
function everyModule(): RuleModule[] {
  return RULE_KINDS.flatMap(({ kind, constant }) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the registry's path depends on the kind
    const registry = require(join(rulesFolder(ROOT, kind), 'index.ts')) as Record<string, readonly RuleModule[]>;
    return [...registry[constant]];
  });
}

function placeOf(range: RuleAnchor['range'], concern: string): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1} ${concern}`;
}

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 4 } });

describe('rule anchors (each rule module declares the places its hover explains)', () => {
  it('a module anchors for itself only, and each hover anchor names exactly the rules anchoring at its place', function () {
    this.timeout(120_000);
    const concerns = new Set(builtinMatrix().concerns.map((concern) => concern.id));
    const catalog = builtinRuleCatalog();
    const modules = everyModule().filter((module) => module.anchors !== undefined);
    assert.ok(modules.length > 80, `most rules declare anchors (${modules.length})`);
    // What each module returns, per place, recorded while the analyzers call it (the registries hold these objects).
    let recorded = new Map<string, Set<string>>();
    const wrong: string[] = [];
    const originals = modules.map((module) => module.anchors!);
    modules.forEach((module, index) => {
      const original = originals[index] as (...input: unknown[]) => RuleAnchor[];
      (module as { anchors: unknown }).anchors = (...input: unknown[]) => {
        const anchors = original.apply(module, input);
        for (const anchor of anchors) {
          // A RuleAnchor names no rule (the analysis names the module's own), but an object with more keys passes the
          // type check: an anchor carrying `ruleIds` (a HoverAnchor from an old table) would claim other rules' places.
          const extra = Object.keys(anchor).filter((key) => key !== 'range' && key !== 'concern' && key !== 'note');
          // (Noted, not asserted here: the analysis contains a throwing anchor function.)
          if (extra.length > 0) wrong.push(`${module.ruleId} returns an anchor with ${extra.join(', ')}: ${JSON.stringify(anchor)}`);
          if (anchor.concern !== undefined && !concerns.has(anchor.concern)) wrong.push(`${module.ruleId}: no concern "${anchor.concern}"`);
          const place = placeOf(anchor.range, anchor.concern ?? catalog.byId.get(module.ruleId)!.concern);
          recorded.set(place, (recorded.get(place) ?? new Set()).add(module.ruleId));
        }
        return anchors;
      };
    });
    try {
      let checked = 0;
      for (const { key, analysis } of fixtureAnalyses()) {
        const places = new Set<string>();
        for (const anchor of analysis.anchors) {
          const place = placeOf(anchor.range, anchor.concern);
          assert.ok(!places.has(place), `${key}: two anchors at ${place}`);
          places.add(place);
          assert.deepEqual([...anchor.ruleIds].sort(), [...(recorded.get(place) ?? [])].sort(), `${key}: the rules anchoring at ${place}`);
          checked += 1;
        }
        for (const place of recorded.keys()) assert.ok(places.has(place), `${key}: no hover anchor at ${place}`);
        assert.deepEqual(
          analysis.parseProblems.filter((problem) => problem.message.includes('could not compute the hovers')),
          [],
          key,
        );
        assert.deepEqual(wrong, [], key);
        recorded = new Map();
      }
      assert.ok(checked > 2000, `${checked} anchors checked`);
    } finally {
      modules.forEach((module, index) => ((module as { anchors: unknown }).anchors = originals[index]));
    }
  });

  it('merges anchors at one place and concern in registry order, keeps a concern anchor without rule ids, and contains a failing one', () => {
    const problems: ParseProblem[] = [];
    const rules: Array<AnchorSource<[number]>> = [
      { ruleId: 'docker/healthcheck', anchors: (line) => [{ range: at(line), note: 'probes instead' }] },
      {
        ruleId: 'docker/broken',
        anchors: () => {
          throw new Error('a bug');
        },
      },
      { ruleId: 'docker/exec-form-cmd', anchors: (line) => [{ range: at(line) }, { range: at(line) }] },
      { ruleId: 'docker/no-anchors' },
      { ruleId: 'docker/base-image-tag', anchors: () => [{ range: at(0), concern: 'tech-stack' }] },
    ];
    const anchors = collectAnchors(rules, [{ concern: 'inter-service-communication', anchors: () => [{ range: at(3) }] }], [5], problems);
    assert.deepEqual(anchors, [
      { range: at(0), concern: 'tech-stack', ruleIds: ['docker/base-image-tag'] },
      { range: at(3), concern: 'inter-service-communication', ruleIds: [] },
      { range: at(5), concern: 'fault-tolerance', ruleIds: ['docker/healthcheck', 'docker/exec-form-cmd'], note: 'probes instead' },
    ]);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /could not compute the hovers of rule docker\/broken on this file/);
    assert.throws(() => collectAnchors(rules, [], [5], [], true), /a bug/, 'tests may rethrow');
  });

  it('needs an explicit concern for a rule without metadata', () => {
    const problems: ParseProblem[] = [];
    assert.deepEqual(collectAnchors([{ ruleId: 'docker/unknown', anchors: () => [{ range: at(1) }] }], [], [], problems), []);
    assert.match(problems[0].message, /docker\/unknown has no metadata/);
  });
});
