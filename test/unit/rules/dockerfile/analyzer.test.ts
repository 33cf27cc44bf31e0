import * as assert from 'node:assert/strict';
import { analyzeDockerfile, dockerfileAnalyzer } from '../../../../src/core/rules/dockerfile/index';
import { KUBERNETES_HEALTH_NOTE } from '../../../../src/core/rules/dockerfile/rules/healthcheck';
import type { DockerfileDetector } from '../../../../src/core/rules/dockerfile/detector';
import { DOCKERFILE_RULES as DOCKERFILE_DETECTORS } from '../../../../src/core/rules/dockerfile/rules';
import { NO_KUBERNETES } from './fixtureSupport';

const SERVICE = ['FROM node:20-slim', 'USER node', 'EXPOSE 3000', 'CMD ["node", "server.js"]', ''].join('\n');

describe('Dockerfile analyzer', () => {
  it('declares the rule id of every detector', () => {
    assert.deepEqual(
      dockerfileAnalyzer.ruleIds,
      DOCKERFILE_DETECTORS.map((detector) => detector.ruleId),
    );
    assert.equal(new Set(dockerfileAnalyzer.ruleIds).size, DOCKERFILE_DETECTORS.length);
  });

  it('stays quiet about HEALTHCHECK when the workspace deploys with Kubernetes, and says why in a hover', () => {
    assert.equal(analyzeDockerfile(SERVICE, NO_KUBERNETES).findings.filter((finding) => finding.ruleId === 'docker/healthcheck').length, 1);
    const underKubernetes = analyzeDockerfile(SERVICE, { deploysWithKubernetes: true });
    assert.deepEqual(
      underKubernetes.findings.filter((finding) => finding.ruleId === 'docker/healthcheck'),
      [],
    );
    const anchor = underKubernetes.anchors.find((candidate) => candidate.ruleIds.includes('docker/healthcheck'));
    assert.ok(anchor);
    assert.equal(anchor.note, KUBERNETES_HEALTH_NOTE);
    assert.equal(anchor.range.start.line, 3, 'on the last instruction');
    assert.equal(
      analyzeDockerfile(SERVICE, NO_KUBERNETES).anchors.find((candidate) => candidate.ruleIds.includes('docker/healthcheck'))?.note,
      undefined,
    );
  });

  it('anchors the lines rules care about, and no others', () => {
    const text = [
      'FROM node:20-slim',
      'LABEL team=web',
      'RUN apt-get update && curl -fsSL x | sh',
      'COPY . /app',
      'ENV DB_PASSWORD=$DB_PASSWORD',
      'CMD ["node"]',
      '',
    ].join('\n');
    const byLine = new Map<number, string[]>();
    for (const anchor of analyzeDockerfile(text, NO_KUBERNETES).anchors)
      byLine.set(anchor.range.start.line, [...(byLine.get(anchor.range.start.line) ?? []), anchor.concern]);
    assert.deepEqual(byLine.get(0), ['tech-stack', 'security']);
    assert.equal(byLine.get(1), undefined, 'LABEL: no rule looks at it');
    // In the order of the first rule (data/rules/dockerfile.yml) anchoring each concern there.
    assert.deepEqual(byLine.get(2), ['security', 'fault-tolerance', 'cost-efficiency']);
    assert.equal(byLine.get(3), undefined, 'COPY: no rule looks at it');
    assert.deepEqual(byLine.get(4), ['security'], 'a secret-like name is worth a hover even without a literal value');
    assert.deepEqual(byLine.get(5), ['fault-tolerance'], 'exec-form-cmd and healthcheck look at the last CMD: one anchor names both');
  });

  it('turns a failing detector into a parse problem naming its rule, and keeps the other rules', () => {
    const broken: DockerfileDetector = {
      ruleId: 'docker/broken',
      detect() {
        throw new Error('boom');
      },
    };
    const analysis = analyzeDockerfile('FROM node\n', NO_KUBERNETES, { detectors: [broken, ...DOCKERFILE_DETECTORS] });
    assert.equal(analysis.parseProblems.length, 1);
    assert.match(analysis.parseProblems[0].message, /docker\/broken/);
    assert.match(analysis.parseProblems[0].message, /boom/);
    assert.ok(analysis.findings.some((finding) => finding.ruleId === 'docker/base-image-tag'));
  });

  it('reads inline suppressions: above an instruction (all its lines), at the end of a RUN, and file-wide', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      '# stage-guide: ignore-file docker/base-image-digest',
      'FROM node',
      '# stage-guide: ignore docker/sudo, docker/tls-verification-disabled -- vendor script',
      '# (the vendor requires it)',
      'RUN sudo apt-get update \\',
      '  && curl -k https://example.com',
      'RUN sudo make # stage-guide: ignore docker/sudo',
      'RUN sudo make',
      '',
    ].join('\n');
    const { suppressions } = analyzeDockerfile(text, NO_KUBERNETES);
    assert.deepEqual([...suppressions.fileWide], ['docker/base-image-digest']);
    assert.deepEqual([...(suppressions.byLine.get(5) ?? [])], ['docker/sudo', 'docker/tls-verification-disabled']);
    assert.deepEqual([...(suppressions.byLine.get(6) ?? [])], ['docker/sudo', 'docker/tls-verification-disabled']);
    assert.deepEqual([...(suppressions.byLine.get(7) ?? [])], ['docker/sudo']);
    assert.equal(suppressions.byLine.get(8), undefined);
  });
});
