import * as assert from 'node:assert/strict';
import { chartFileListed, chartsKeyOf } from '../../../src/core/evidence/assessment/workspaceModelScan';
import { editorScanOf } from './support/editorScan';

/**
 * The editor keeps, of each scanned service, its workspace facts and its Helm charts (`Chart.yaml` files), not its
 * whole file list (issue 13: a list of every path crossed from the scan worker and sat in the extension host). What
 * file-kind detection asks of the scan is whether a chart stands beside a `templates/` folder: these fixtures, shaped
 * like a repository with a chart at its root and one in a service, say it answers that as the file list did.
 */
const ROOT = '/repo';
const TEMPLATE =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n';
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 1\n';
const FILES: Record<string, string> = {
  [`${ROOT}/.stage.yml`]: 'stage: production\n',
  [`${ROOT}/charts/platform/Chart.yaml`]: 'apiVersion: v2\nname: platform\nversion: 0.1.0\n',
  [`${ROOT}/charts/platform/values.yaml`]: 'replicas: 2\n',
  [`${ROOT}/charts/platform/templates/deployment.yaml`]: TEMPLATE,
  [`${ROOT}/services/api/.stage.yml`]: 'stage: production\n',
  [`${ROOT}/services/api/chart/Chart.yaml`]: 'apiVersion: v2\nname: api\nversion: 0.1.0\n',
  [`${ROOT}/services/api/chart/templates/deployment.yaml`]: TEMPLATE,
  // A `templates/` folder without a chart beside it holds plain manifests.
  [`${ROOT}/services/api/deploy/templates/deployment.yaml`]: DEPLOYMENT,
  // Named like a chart file, but not one: only `Chart.yaml` makes a chart.
  [`${ROOT}/services/api/docs/Chart.yaml.md`]: '# Chart.yaml\n',
};

describe('evidence: the Helm charts a workspace scan lists for the editor', () => {
  it("lists each service's own Chart.yaml files, and nothing else of its file list", async () => {
    const { scan } = await editorScanOf(FILES, ROOT);
    assert.deepEqual(scan.scopes.get(ROOT)?.charts, [`${ROOT}/charts/platform/Chart.yaml`]);
    assert.deepEqual(scan.scopes.get(`${ROOT}/services/api`)?.charts, [`${ROOT}/services/api/chart/Chart.yaml`]);
    assert.equal(chartFileListed(scan, `${ROOT}/services/api/chart/Chart.yaml`), true);
    assert.equal(chartFileListed(scan, `${ROOT}/services/api/deploy/Chart.yaml`), false);
    assert.equal(chartsKeyOf(scan), `${ROOT}/charts/platform/Chart.yaml\n${ROOT}/services/api/chart/Chart.yaml`);
  });

  it("analyses a chart's template as no Kubernetes manifest, and a templates/ folder without a chart as one", async () => {
    const editor = await editorScanOf(FILES, ROOT);
    for (const template of [`${ROOT}/charts/platform/templates/deployment.yaml`, `${ROOT}/services/api/chart/templates/deployment.yaml`])
      assert.notEqual(editor.analyze(template, TEMPLATE)?.kind, 'kubernetes', template);
    const plain = `${ROOT}/services/api/deploy/templates/deployment.yaml`;
    assert.equal(editor.analyze(plain, DEPLOYMENT)?.kind, 'kubernetes');
  });

  it('keys the charts anew when one appears', async () => {
    const before = chartsKeyOf((await editorScanOf(FILES, ROOT)).scan);
    const added = { ...FILES, [`${ROOT}/services/api/deploy/Chart.yaml`]: 'apiVersion: v2\nname: deploy\nversion: 0.1.0\n' };
    const editor = await editorScanOf(added, ROOT);
    assert.notEqual(chartsKeyOf(editor.scan), before);
    assert.notEqual(editor.analyze(`${ROOT}/services/api/deploy/templates/deployment.yaml`, DEPLOYMENT)?.kind, 'kubernetes');
  });
});
