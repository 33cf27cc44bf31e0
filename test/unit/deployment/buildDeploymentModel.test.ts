import * as assert from 'node:assert/strict';
import { fileDigests } from '../../../src/core/deployment/digest/fileDigests';
import { buildDeploymentModel } from '../../../src/core/deployment/model/buildDeploymentModel';
import { DeploymentModel } from '../../../src/core/deployment/model/deploymentModel';
import { TimeSlicer } from '../../../src/core/evidence/scan/cancellation';

/**
 * The editor builds the deployment model in steps, giving the event loop a turn between them (the extension host
 * must never be held for long); the CLI builds it at once. Both must be the same model: a monorepo of services that
 * compose builds, a deploy script chaining compose overlays, a kustomize base with an overlay, and workloads running
 * the images built.
 */
const SERVICES = 40;

function monorepo(): Record<string, string> {
  const files: Record<string, string> = {
    '/repo/scripts/deploy.sh': '#!/bin/sh\nset -e\ndocker compose -f compose.yaml -f compose.prod.yaml up -d\n',
    '/repo/compose.yaml': 'services:\n  gateway:\n    build:\n      context: gateway\n      target: runtime\n',
    '/repo/compose.prod.yaml': 'services:\n  gateway:\n    restart: always\n',
    '/repo/gateway/Dockerfile': 'FROM node:20 AS build\nRUN npm ci\n\nFROM node:20-slim AS runtime\nCOPY --from=build /app /app\n',
    '/repo/deploy/base/kustomization.yaml': `resources:\n${Array.from({ length: SERVICES }, (_, n) => `  - svc${n}.yaml\n`).join('')}`,
    '/repo/deploy/overlays/prod/kustomization.yaml':
      'resources:\n  - ../../base\nnamespace: prod\nreplicas:\n  - name: svc0\n    count: 3\n',
  };
  for (let n = 0; n < SERVICES; n++) {
    files[`/repo/services/svc${n}/Dockerfile`] = `FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n`;
    files[`/repo/services/svc${n}/compose.yaml`] =
      `services:\n  svc${n}:\n    build: .\n    image: ghcr.io/acme/svc${n}:1.0\n    healthcheck:\n      test: ["CMD", "true"]\n`;
    files[`/repo/deploy/base/svc${n}.yaml`] =
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc${n}\nspec:\n  selector:\n    matchLabels:\n      app: svc${n}\n  template:\n    metadata:\n      labels:\n        app: svc${n}\n    spec:\n      containers:\n        - name: svc${n}\n          image: ghcr.io/acme/svc${n}:1.0\n`;
  }
  return files;
}

/** What the judge asks of a model, for every file: who builds each Dockerfile, patches, namespaces, replicas. */
function answers(model: DeploymentModel, files: Record<string, string>): unknown {
  return Object.keys(files).map((path) => ({
    path,
    consumers: model.imageConsumers(path).map((consumer) => [consumer.via, consumer.place, consumer.stage?.name]),
    role: path.endsWith('Dockerfile') ? model.dockerfileRole(path) : undefined,
    namespace: model.kustomizations.namespaceOf(path),
    replicas: model.kustomizations.replicasOf(path, 'svc0'),
    builtWith: model.kustomizations.builtWith(path).length,
  }));
}

describe('deployment: the model built in steps is the model built at once', () => {
  it('gives the event loop turns while it builds, and answers every question alike', async () => {
    const files = monorepo();
    const digests = Object.entries(files).flatMap(([path, text]) => fileDigests(path, text));
    const options = { repositoryRoot: '/repo', serviceRoots: ['/repo'] };
    const atOnce = new DeploymentModel(digests, options);
    // A budget of 0 ms: every step is a turn, so the count says how finely the work is cut.
    const slicer = new TimeSlicer(0);
    const inSteps = await buildDeploymentModel(digests, options, slicer, true);
    assert.ok(slicer.yields > 3 * SERVICES, `${slicer.yields} turns`);
    assert.deepEqual(answers(inSteps, files), answers(atOnce, files));
    assert.equal(inSteps.signature, atOnce.signature);
    // The links the steps made: the gateway ships its build target, each service's image runs in a workload.
    assert.deepEqual(
      inSteps.imageConsumers('/repo/gateway/Dockerfile').map((consumer) => consumer.stage?.name),
      ['runtime'],
    );
    assert.deepEqual(
      inSteps
        .imageConsumers(`/repo/services/svc${SERVICES - 1}/Dockerfile`)
        .map((consumer) => consumer.via)
        .sort(),
      ['compose', 'workload'],
    );
    assert.equal(inSteps.kustomizations.namespaceOf('/repo/deploy/base/svc7.yaml')?.value, 'prod');
  });
});

describe('deployment: the model signature (the editor keys its model and the judgements by it)', () => {
  const digestsOf = (files: Record<string, string>) => Object.entries(files).flatMap(([path, text]) => fileDigests(path, text));
  const signature = (files: Record<string, string>) => new DeploymentModel(digestsOf(files)).signature;

  it('is the same for the same digests, made again or listed in another order, and tells any other digest apart', () => {
    const files = monorepo();
    const digests = digestsOf(files);
    assert.equal(new DeploymentModel(digests).signature, new DeploymentModel([...digests].reverse()).signature);
    // Hashed once per digest: a model made of the same digest objects, and of equal ones made again, agree.
    assert.equal(new DeploymentModel(digests).signature, signature(files));
    const changed = (path: string, text: string) => signature({ ...files, [path]: text });
    const before = signature(files);
    assert.notEqual(changed('/repo/compose.prod.yaml', 'services:\n  gateway:\n    restart: unless-stopped\n'), before);
    // A line moved (the digest records it), and one character up with the next one down (a 31-polynomial alone is blind to it).
    assert.notEqual(changed('/repo/compose.prod.yaml', '\nservices:\n  gateway:\n    restart: always\n'), before);
    assert.notEqual(
      signature({ '/repo/compose.yaml': 'services:\n  ab:\n    image: x\n' }),
      signature({ '/repo/compose.yaml': 'services:\n  bC:\n    image: x\n' }),
    );
    assert.notEqual(signature({ ...files, '/repo/extra/compose.yaml': 'services:\n  extra:\n    image: x\n' }), before);
  });
});
