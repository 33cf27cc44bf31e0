import { strict as assert } from 'node:assert';
import { autoscalerFor } from '../../../../src/core/rules/kubernetes/autoscalers';
import { readManifestFile } from '../../../../src/core/rules/kubernetes/manifestModel';
import { parseYamlFile } from '../../../../src/core/rules/yaml/yamlSupport';

const workload = (kind: string, name: string | undefined, namespace?: string) =>
  `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n${name ? `  name: ${name}\n` : '  labels: {}\n'}${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1\n`;

const scaler = (kind: string, id: string, target: { kind?: string; name?: string }, namespace?: string) =>
  `apiVersion: autoscaling/v2\nkind: ${kind}\nmetadata:\n  name: ${id}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  scaleTargetRef:\n${target.kind ? `    kind: ${target.kind}\n` : ''}${target.name ? `    name: ${target.name}\n` : '    apiVersion: apps/v1\n'}`;

/** Which autoscaler (by its own name) each workload of the file gets, in document order. */
function matches(...documents: string[]): Array<string | undefined> {
  const manifests = readManifestFile(parseYamlFile(documents.join('---\n')));
  return manifests.workloads.map((each) => autoscalerFor(manifests, each)?.name);
}

describe('kubernetes autoscalers: which autoscaler scales a workload', () => {
  it('matches the target kind and name, and the namespace when both are written', () => {
    assert.deepEqual(
      matches(workload('Deployment', 'api', 'shop'), scaler('HorizontalPodAutoscaler', 'hpa', { kind: 'Deployment', name: 'api' }, 'shop')),
      ['hpa'],
    );
    assert.deepEqual(
      matches(workload('Deployment', 'api', 'shop'), scaler('HorizontalPodAutoscaler', 'hpa', { kind: 'Deployment', name: 'api' })),
      ['hpa'],
      'a namespace left to apply time may match',
    );
    assert.deepEqual(
      matches(
        workload('Deployment', 'api', 'shop'),
        scaler('HorizontalPodAutoscaler', 'hpa', { kind: 'Deployment', name: 'api' }, 'other'),
      ),
      [undefined],
    );
    assert.deepEqual(
      matches(workload('Deployment', 'api'), scaler('HorizontalPodAutoscaler', 'hpa', { kind: 'StatefulSet', name: 'api' })),
      [undefined],
    );
    assert.deepEqual(
      matches(workload('Deployment', 'api'), scaler('HorizontalPodAutoscaler', 'hpa', { kind: 'Deployment', name: 'web' })),
      [undefined],
    );
  });

  it("defaults a KEDA ScaledObject's target kind to Deployment, and an HPA's to nothing", () => {
    assert.deepEqual(matches(workload('Deployment', 'api'), scaler('ScaledObject', 'keda', { name: 'api' })), ['keda']);
    assert.deepEqual(matches(workload('StatefulSet', 'api'), scaler('ScaledObject', 'keda', { name: 'api' })), [undefined]);
    assert.deepEqual(matches(workload('Deployment', 'api'), scaler('HorizontalPodAutoscaler', 'hpa', { name: 'api' })), [undefined]);
  });

  it('gives each workload the first autoscaler in the file that fits, skipping one in another namespace', () => {
    const documents = [
      scaler('HorizontalPodAutoscaler', 'elsewhere', { kind: 'Deployment', name: 'api' }, 'other'),
      workload('Deployment', 'api', 'shop'),
      workload('StatefulSet', 'db', 'shop'),
      scaler('HorizontalPodAutoscaler', 'first', { kind: 'Deployment', name: 'api' }),
      scaler('HorizontalPodAutoscaler', 'second', { kind: 'Deployment', name: 'api' }, 'shop'),
      scaler('HorizontalPodAutoscaler', 'db-hpa', { kind: 'StatefulSet', name: 'db' }, 'shop'),
      workload('Deployment', 'api', 'other'),
    ];
    assert.deepEqual(matches(...documents), ['first', 'db-hpa', 'elsewhere']);
  });

  it('matches an unnamed workload only with a target that names none', () => {
    assert.deepEqual(matches(workload('Deployment', undefined), scaler('HorizontalPodAutoscaler', 'hpa', { kind: 'Deployment' })), ['hpa']);
    assert.deepEqual(
      matches(workload('Deployment', undefined), scaler('HorizontalPodAutoscaler', 'hpa', { kind: 'Deployment', name: 'api' })),
      [undefined],
    );
  });
});
