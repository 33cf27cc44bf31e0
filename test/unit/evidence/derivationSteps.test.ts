import * as assert from 'node:assert/strict';
import { builtinSignalCatalog } from '../../../src/core/evidence/catalog/signalCatalog';
import { ciSignals } from '../../../src/core/evidence/signals/derived/ciSignals';
import { containerSignals } from '../../../src/core/evidence/signals/derived/containerSignals';
import type { Derivation } from '../../../src/core/evidence/signals/derived/context';
import { workloadSignals } from '../../../src/core/evidence/signals/derived/workloadSignals';
import type { Observation } from '../../../src/core/evidence/signals/observation';
import { factsOf } from './support/scan';

/**
 * The derivations that go over every CI job, workload or Dockerfile of a service pause between them (evaluateSignals
 * gives the event loop a turn there): in a large monorepo each was tens of milliseconds in one stretch.
 */
const JOBS = 30;
const WORKFLOW = `on:\n  push:\n    branches: [main]\njobs:\n${Array.from(
  { length: JOBS },
  (_, n) =>
    `  test${n}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n`,
).join('')}`;
const deployment = (n: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api${n}\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api${n}:1.0\n`;

function stepsOf(derivation: Derivation, facts: Awaited<ReturnType<typeof factsOf>>): { steps: number; observations: Observation[] } {
  const derived = derivation.derive({ facts, scopeFolder: '', dataObservations: () => [], catalog: builtinSignalCatalog() });
  assert.ok(!Array.isArray(derived), 'the derivation works in steps');
  let steps = 0;
  for (let step = derived.next(); ; step = derived.next()) {
    if (step.done) return { steps, observations: step.value };
    steps++;
  }
}

describe('evidence: derivations over many jobs, workloads and Dockerfiles work in steps', () => {
  it('pauses once per CI job, workload (and Kubernetes document) and Dockerfile, and still observes every one', async () => {
    const files: Record<string, string> = { '.github/workflows/ci.yml': WORKFLOW, 'package.json': '{"scripts":{"test":"mocha"}}' };
    for (let n = 0; n < JOBS; n++) {
      files[`k8s/api${n}.yaml`] = deployment(n);
      files[`services/api${n}/Dockerfile`] = 'FROM node:20-slim\nUSER node\nCMD ["node", "server.js"]\n';
    }
    const facts = await factsOf(files);

    const ci = stepsOf(ciSignals, facts);
    assert.equal(ci.steps, JOBS);
    assert.equal(ci.observations.filter((observation) => observation.signal === 'ci.runs-tests').length, JOBS);

    const workloads = stepsOf(workloadSignals, facts);
    // Once per manifest merged into its workload, once per manifest looked at as an autoscaler or budget, once per workload.
    assert.equal(workloads.steps, 3 * JOBS);
    assert.equal(workloads.observations.filter((observation) => observation.signal === 'deploy.multiple-instances').length, JOBS);

    const containers = stepsOf(containerSignals, facts);
    assert.equal(containers.steps, JOBS);
    assert.equal(containers.observations.filter((observation) => observation.signal === 'container.multi-stage').length, JOBS);
  });
});
