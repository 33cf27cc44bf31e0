import * as assert from 'node:assert/strict';
import { ANALYZERS } from '../../../../src/core/rules/engine/analyzerRegistry';
import { builtinRuleCatalog, nameableRuleIds, ruleCatalogFromTexts } from '../../../../src/core/rules/engine/ruleCatalog';
import type { RuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import { FILE_KINDS } from '../../../../src/core/rules/types';
import { isStageId } from '../../../../src/core/stages';
import { builtinMatrix } from '../../../../src/core/matrix/builtinMatrix';

const VALID_RULE = `
  - id: docker/example
    concern: security
    from: mvp
    title: Example
    why: Because.
    fix: Do it.
    peers: []
`;

function catalogFrom(files: Record<string, string>): () => RuleCatalog {
  return () =>
    ruleCatalogFromTexts(
      Object.entries(files).map(([name, text]) => ({ name, text })),
      'test rules',
    );
}

describe('rule catalog', () => {
  describe('the shipped data/rules', () => {
    const catalog = builtinRuleCatalog();

    it('loads and validates every rules file', () => {
      assert.ok(catalog.rules.length >= 16);
      const concerns = new Set(builtinMatrix().concerns.map((concern) => concern.id));
      for (const rule of catalog.rules) {
        assert.ok(concerns.has(rule.concern), rule.id);
        assert.ok(isStageId(rule.from), rule.id);
        assert.equal(catalog.byId.get(rule.id), rule);
      }
    });

    it("takes each rule's kind from its file name", () => {
      for (const rule of catalog.rules) assert.ok((FILE_KINDS as readonly string[]).includes(rule.kind), rule.id);
      assert.ok(catalog.rules.filter((rule) => rule.kind === 'dockerfile').every((rule) => rule.id.startsWith('docker/')));
    });

    // Generic over every file kind: metadata without a detector, or a detector without metadata, fails here.
    for (const kind of FILE_KINDS) {
      it(`${kind}: every catalog rule has a detector and every detector has catalog metadata`, () => {
        const analyzer = ANALYZERS[kind];
        assert.equal(analyzer.kind, kind);
        assert.ok(analyzer.ruleIds, `the ${kind} analyzer must declare ruleIds (KindAnalyzer.ruleIds)`);
        const detectors = [...analyzer.ruleIds].sort();
        const described = catalog.rules
          .filter((rule) => rule.kind === kind)
          .map((rule) => rule.id)
          .sort();
        assert.deepEqual(detectors, described);
      });
    }
  });

  describe('validation', () => {
    it('accepts a minimal valid file', () => {
      const catalog = catalogFrom({ 'dockerfile.yml': `rules:${VALID_RULE}` })();
      assert.deepEqual(
        catalog.rules.map((rule) => [rule.id, rule.kind, rule.dueSeverity]),
        [['docker/example', 'dockerfile', undefined]],
      );
    });

    const invalid: Array<[string, Record<string, string>, RegExp]> = [
      ['an unknown file kind', { 'helm.yml': `rules:${VALID_RULE}` }, /unknown file kind "helm"/],
      [
        'a concern outside the matrix',
        { 'dockerfile.yml': `rules:${VALID_RULE.replace('security', 'vibes')}` },
        /concern "vibes" is not a matrix concern/,
      ],
      [
        'a stage that does not exist',
        { 'dockerfile.yml': `rules:${VALID_RULE.replace('from: mvp', 'from: beta')}` },
        /from "beta" is not a stage id/,
      ],
      [
        'an empty title',
        { 'dockerfile.yml': `rules:${VALID_RULE.replace('title: Example', 'title: ""')}` },
        /title must be a non-empty string/,
      ],
      ['a missing why', { 'dockerfile.yml': `rules:${VALID_RULE.replace('    why: Because.\n', '')}` }, /why must be a non-empty string/],
      [
        'peers that are not a list',
        { 'dockerfile.yml': `rules:${VALID_RULE.replace('peers: []', 'peers: DL3002')}` },
        /peers must be a list/,
      ],
      ['an unknown key', { 'dockerfile.yml': `rules:${VALID_RULE}    severity: high\n` }, /unknown key "severity"/],
      ['a bad dueSeverity', { 'dockerfile.yml': `rules:${VALID_RULE}    dueSeverity: error\n` }, /dueSeverity must be "warning" or "info"/],
      ['a malformed id', { 'dockerfile.yml': `rules:${VALID_RULE.replace('docker/example', 'Docker Example')}` }, /id must look like/],
      ['an id declared twice', { 'dockerfile.yml': `rules:${VALID_RULE}${VALID_RULE}` }, /docker\/example: declared twice/],
      [
        'mixed id prefixes in one file',
        { 'dockerfile.yml': `rules:${VALID_RULE}${VALID_RULE.replace('docker/example', 'gha/example')}` },
        /mix prefixes/,
      ],
      ['no rules list', { 'dockerfile.yml': 'rule: []\n' }, /expected a list under "rules:"/],
      [
        "thresholds that do not start at the rule's stage",
        { 'dockerfile.yml': `rules:${VALID_RULE}    thresholds:\n      - { from: production, value: 2 }\n` },
        /the first threshold starts at the rule's from \("mvp"\)/,
      ],
      [
        'thresholds whose stages or values do not rise',
        { 'dockerfile.yml': `rules:${VALID_RULE}    thresholds:\n      - { from: mvp, value: 2 }\n      - { from: scale, value: 2 }\n` },
        /values must rise with the stages/,
      ],
      [
        'a former id that is a live rule',
        { 'dockerfile.yml': `rules:${VALID_RULE}    thresholds:\n      - { from: mvp, value: 2, formerId: docker/example }\n` },
        /former id "docker\/example" is already a rule's id/,
      ],
      ['invalid YAML', { 'dockerfile.yml': 'rules: [\n' }, /dockerfile\.yml:/],
    ];
    for (const [what, files, message] of invalid) {
      it(`rejects ${what}`, () => {
        assert.throws(catalogFrom(files), message);
      });
    }

    it('reads thresholds, and names former ids among the ids a user may write', () => {
      const text = `rules:${VALID_RULE}    thresholds:\n      - { from: mvp, value: 2, formerId: docker/example-2 }\n      - { from: scale, value: 3 }\n`;
      const catalog = catalogFrom({ 'dockerfile.yml': text })();
      assert.deepEqual(catalog.rules[0].thresholds, [
        { from: 'mvp', value: 2, formerId: 'docker/example-2' },
        { from: 'scale', value: 3 },
      ]);
      assert.deepEqual([...nameableRuleIds(catalog)], ['docker/example', 'docker/example-2']);
      assert.ok(nameableRuleIds(builtinRuleCatalog()).has('k8s/replicas-at-least-3'), 'the merged replica rules stay nameable');
    });

    it('lists every problem at once', () => {
      const text = `rules:${VALID_RULE.replace('security', 'vibes').replace('from: mvp', 'from: beta')}`;
      assert.throws(catalogFrom({ 'dockerfile.yml': text }), (error: Error) => /vibes/.test(error.message) && /beta/.test(error.message));
    });
  });
});
