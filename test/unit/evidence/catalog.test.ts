import assert from 'node:assert/strict';
import { builtinSignalCatalog, signalCatalogFromData } from '../../../src/core/evidence/catalog/signalCatalog';
import { DERIVATIONS } from '../../../src/core/evidence/signals/derived/index';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { STAGE_IDS } from '../../../src/core/stages';

const catalog = builtinSignalCatalog();
const matrix = builtinMatrix();
const practices = matrix.concerns.flatMap((concern) =>
  STAGE_IDS.flatMap((stage) => concern.cells[stage].practices.map((practice) => ({ practice, concern: concern.id, stage }))),
);

describe('evidence: the signal catalogue (data/signals.yml) and the matrix evidence', () => {
  it('every practice evidence names signals of the catalogue', () => {
    for (const { practice } of practices) {
      for (const id of practice.evidence?.anyOf ?? []) assert.ok(catalog.byId.get(id), `${practice.id} names unknown signal ${id}`);
    }
  });

  it('a signal serves its own concern first: most practices use signals of their concern', () => {
    const uses = practices.flatMap(({ practice, concern }) =>
      (practice.evidence?.anyOf ?? []).map((id) => catalog.byId.get(id)!.concern === concern),
    );
    assert.ok(uses.filter(Boolean).length / uses.length > 0.9, 'signals are filed under the wrong concerns');
  });

  it('every signal has a producer: a data matcher or a derivation (and derivations produce only catalogue signals)', () => {
    const derived = new Set(DERIVATIONS.flatMap((derivation) => derivation.signals));
    for (const id of derived) assert.ok(catalog.byId.has(id), `a derivation produces ${id}, which is not in the catalogue`);
    for (const signal of catalog.signals)
      assert.ok(signal.match || derived.has(signal.id), `${signal.id} has neither match nor derivation`);
  });

  it('every signal is used by a practice, a context or a derivation that reads it, and every signal concern is a matrix concern', () => {
    const used = new Set([
      ...practices.flatMap(({ practice }) => practice.evidence?.anyOf ?? []),
      ...catalog.contexts.flatMap((context) => context.anyOf),
      ...DERIVATIONS.flatMap((derivation) => derivation.reads ?? []),
    ]);
    const concerns = new Set(matrix.concerns.map((concern) => concern.id));
    for (const signal of catalog.signals) {
      assert.ok(used.has(signal.id), `${signal.id} is never used`);
      assert.ok(concerns.has(signal.concern), `${signal.id} has unknown concern ${signal.concern}`);
    }
  });

  it('contexts gate practices that exist (or whole concerns) and that name evidence', () => {
    const ids = new Set(practices.map(({ practice }) => practice.id));
    const concerns = new Set(matrix.concerns.map((concern) => concern.id));
    for (const context of catalog.contexts) {
      for (const pattern of context.practices) {
        if (pattern.endsWith('/*')) assert.ok(concerns.has(pattern.slice(0, -2)), `${context.id}: unknown concern ${pattern}`);
        else {
          assert.ok(ids.has(pattern), `${context.id}: unknown practice ${pattern}`);
          assert.ok(
            practices.find(({ practice }) => practice.id === pattern)!.practice.evidence,
            `${context.id} gates ${pattern}, which names no evidence`,
          );
        }
      }
    }
  });

  it('a good share of the matrix is observable, at every stage', () => {
    const observable = practices.filter(({ practice }) => practice.evidence);
    assert.ok(observable.length >= 90, `${observable.length} observable practices`);
    for (const stage of STAGE_IDS)
      assert.ok(
        observable.some((entry) => entry.stage === stage),
        `no observable practice at ${stage}`,
      );
  });

  it('rejects malformed catalogues with a message that names the place', () => {
    assert.throws(
      () => signalCatalogFromData({ signals: [{ id: 'Bad Id', concern: 'goal', description: 'x', satisfiedBy: 'y' }] }),
      /bad signal id/,
    );
    assert.throws(
      () =>
        signalCatalogFromData({
          signals: [{ id: 'a.b', concern: 'goal', description: 'x', satisfiedBy: 'y', match: { dependencies: { maven2: ['x'] } } }],
        }),
      /unknown ecosystem maven2/,
    );
    assert.throws(
      () =>
        signalCatalogFromData({
          signals: [{ id: 'a.b', concern: 'goal', description: 'x', satisfiedBy: 'y', match: { ci: { commands: ['(unclosed'] } } }],
        }),
      /invalid regular expression/,
    );
    assert.throws(
      () =>
        signalCatalogFromData({
          signals: [
            {
              id: 'a.b',
              concern: 'goal',
              description: 'x',
              satisfiedBy: 'y',
              match: { kubernetes: [{ kind: 'Deployment', every: true }] },
            },
          ],
        }),
      /every without where/,
    );
    assert.throws(
      () => signalCatalogFromData({ signals: [], contexts: [{ id: 'c', description: 'd', anyOf: ['nope.signal'], practices: [] }] }),
      /unknown signal nope.signal/,
    );
  });
});
