import * as assert from 'node:assert/strict';
import { helmValuesDigest } from '../../../src/core/deployment/digest/helmDigest';
import { helmTemplateDigest } from '../../../src/core/deployment/digest/helmTemplateDigest';
import type { HelmValue } from '../../../src/core/deployment/types';

function template(text: string) {
  const digest = helmTemplateDigest('/repo/chart/templates/deployment.yaml', text);
  return { references: [...(digest?.references ?? [])].sort(), wholeBlocks: [...(digest?.wholeBlocks ?? [])].sort() };
}

function settings(text: string): Record<string, HelmValue> {
  const digest = helmValuesDigest('/repo/chart/values.yaml', text);
  return Object.fromEntries((digest.settings ?? []).map((setting) => [setting.path, setting.value]));
}

describe('Helm digests: what templates read and what values hold, without rendering', () => {
  it('reads a value written out whole by toYaml, piped to toYaml, or through with + toYaml .', () => {
    assert.deepEqual(template('resources:\n{{ toYaml .Values.resources | indent 12 }}\n'), {
      references: ['resources'],
      wholeBlocks: ['resources'],
    });
    assert.deepEqual(template('resources: {{- .Values.worker.resources | toYaml | nindent 12 }}'), {
      references: ['worker.resources'],
      wholeBlocks: ['worker.resources'],
    });
    assert.deepEqual(template('{{- with .Values.livenessProbe }}\nlivenessProbe:\n  {{- toYaml . | nindent 12 }}\n{{- end }}\n'), {
      references: ['livenessProbe'],
      wholeBlocks: ['livenessProbe'],
    });
  });

  it('does not count a value read piece by piece, a with whose body writes another value, or text outside actions', () => {
    assert.deepEqual(template('cpu: {{ .Values.resources.requests.cpu | default "100m" }}'), {
      references: ['resources.requests.cpu'],
      wholeBlocks: [],
    });
    assert.deepEqual(template('{{- with .Values.probe }}\nx: {{ toYaml .Values.extra }}\n{{- end }}\n'), {
      references: ['extra', 'probe'],
      wholeBlocks: ['extra'],
    });
    assert.deepEqual(template('# set .Values.replicaCount to scale\nreplicas: 2\n'), { references: [], wholeBlocks: [] });
    assert.equal(helmTemplateDigest('/repo/chart/templates/service.yaml', 'kind: Service\n'), undefined);
  });

  it('reads resources as Kubernetes does: a limit counts as a request, an empty block or key is empty', () => {
    assert.deepEqual(settings('resources: {}\n').resources, {
      kind: 'resources',
      empty: true,
      missingRequests: ['cpu', 'memory'],
      memoryLimit: false,
    });
    assert.deepEqual(settings('resources:\n').resources, {
      kind: 'resources',
      empty: true,
      missingRequests: ['cpu', 'memory'],
      memoryLimit: false,
    });
    assert.deepEqual(settings('resources:\n  limits:\n    cpu: 1\n    memory: 1Gi\n').resources, {
      kind: 'resources',
      empty: false,
      missingRequests: [],
      memoryLimit: true,
    });
    assert.deepEqual(settings('resources:\n  limits:\n  requests:\n    cpu: 1m\n    memory: 16Mi\n').resources, {
      kind: 'resources',
      empty: false,
      missingRequests: [],
      memoryLimit: false,
    });
  });

  it('reads replicaCount, probes and autoscaler switches at any depth, and nothing else', () => {
    const read = settings(
      'replicaCount: 2\nserver:\n  replicaCount: 1\n  autoscaling:\n    enabled: true\n  readinessProbe: {}\nfeature:\n  enabled: true\nresources: small\n',
    );
    assert.deepEqual(read, {
      replicaCount: { kind: 'replicaCount', count: 2 },
      'server.replicaCount': { kind: 'replicaCount', count: 1 },
      'server.autoscaling.enabled': { kind: 'switch', enabled: true },
      'server.readinessProbe': { kind: 'probe', set: false },
    });
  });
  it('knows an app-of-apps template that gives each Argo CD Application a destination namespace, and no other', () => {
    const application = (destination: string) =>
      `{{- range .Values.apps }}\n---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: {{ .name }}\nspec:\n  destination:\n${destination}  source:\n    path: {{ .name }}\n{{- end }}\n`;
    const withNamespace = application('    server: https://kubernetes.default.svc\n    namespace: {{ .namespace | default .name }}\n');
    assert.equal(helmTemplateDigest('/repo/apps/templates/apps.yaml', withNamespace)?.gitopsNamespace, true);
    const withoutNamespace = application('    server: https://kubernetes.default.svc\n');
    assert.equal(helmTemplateDigest('/repo/apps/templates/apps.yaml', withoutNamespace)?.gitopsNamespace, undefined);
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  namespace: {{ .Values.namespace }}\n';
    assert.equal(helmTemplateDigest('/repo/chart/templates/deployment.yaml', deployment)?.gitopsNamespace, undefined);
  });
});
