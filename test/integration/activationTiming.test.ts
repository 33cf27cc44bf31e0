import * as assert from 'node:assert/strict';
import { measureActivation } from '../../src/extension/activationTiming';

/** A clock that returns the given readings in order. */
function clock(...readings: number[]): () => number {
  return () => {
    const next = readings.shift();
    if (next === undefined) throw new Error('clock read more often than expected');
    return next;
  };
}

describe('measureActivation', () => {
  it('adds the time spent wiring to the returned API', async () => {
    const api = await measureActivation(() => ({ answer: 42 }), assert.fail, clock(100, 112.5));
    assert.deepEqual(api, { answer: 42, activationMs: 12.5 });
  });

  it('reports a failed wiring with its reason and still fails the activation', async () => {
    const reported: string[] = [];
    const failing = async (): Promise<object> => {
      throw new Error('data/matrix.yml is unreadable');
    };
    await assert.rejects(
      measureActivation(failing, (message) => reported.push(message), clock(0)),
      /unreadable/,
    );
    assert.deepEqual(reported, ['Stage Guide failed to start: data/matrix.yml is unreadable']);
  });
});
