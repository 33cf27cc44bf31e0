import assert from 'node:assert/strict';
import { analyzeFile } from '../../../../src/core/rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';
import { PositionMapper } from '../../../../src/core/text';

/**
 * A long file costs in proportion to its length: each finding's subject (the
 * compose service or Kubernetes object it is on) and each workload's
 * findings are looked up in tables made once per file, not by a pass over
 * every service or finding for each finding. Counted, not timed: the ranges
 * the analysis computes, for a file and for one twice as long.
 */
function rangesComputed(path: string, text: string): { ranges: number; findings: number } {
  const range = PositionMapper.prototype.range;
  let ranges = 0;
  PositionMapper.prototype.range = function (this: PositionMapper, start: number, end: number) {
    ranges++;
    return range.call(this, start, end);
  };
  try {
    const analysis = analyzeFile(path, text, NO_WORKSPACE_FACTS);
    return { ranges, findings: analysis?.findings.length ?? 0 };
  } finally {
    PositionMapper.prototype.range = range;
  }
}

function compose(services: number): string {
  const lines = ['services:'];
  for (let i = 0; i < services; i++)
    lines.push(
      `  svc-${i}:`,
      `    image: registry.example.com/svc-${i}:1.0.${i}`,
      '    ports:',
      `      - "${10000 + i}:8080"`,
      '    environment:',
      '      LOG_LEVEL: info',
    );
  return `${lines.join('\n')}\n`;
}

function manifests(objects: number): string {
  const documents: string[] = [];
  for (let i = 0; i < objects; i++)
    documents.push(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-${i}, namespace: shop}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: app-${i}}}\n  template:\n    metadata: {labels: {app: app-${i}}}\n    spec:\n      containers:\n        - name: app-${i}\n          image: shop/app-${i}:1.2.3\n`,
    );
  return documents.join('---\n');
}

describe('rules: the analysis of a long file grows with its length, not with findings × services', () => {
  for (const [kind, path, make] of [
    ['compose', '/ws/compose.yaml', compose],
    ['kubernetes', '/ws/k8s/deploy.yaml', manifests],
  ] as const) {
    it(`${kind}: twice the services, about twice the work`, () => {
      const small = rangesComputed(path, make(150));
      const large = rangesComputed(path, make(300));
      // Every service draws findings (no healthcheck, no restart policy, no probes…): the case that was quadratic.
      assert.ok(small.findings >= 150, `${small.findings} findings`);
      assert.ok(large.ranges <= 2.5 * small.ranges, `${small.ranges} ranges for 150, ${large.ranges} for 300`);
    });
  }
});
