import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { stageGuideExtension } from './support/stageGuide';

interface Contributes {
  viewsContainers?: { activitybar?: Array<{ id: string; title: string; icon: string }> };
  views?: Record<string, Array<{ id: string; name: string; type?: string }>>;
  yamlValidation?: Array<{ fileMatch: string; url: string }>;
}

const contributes = (): Contributes => stageGuideExtension().packageJSON.contributes ?? {};

async function assertFileInExtension(relativePath: string): Promise<void> {
  const uri = vscode.Uri.joinPath(stageGuideExtension().extensionUri, relativePath);
  const stat = await vscode.workspace.fs.stat(uri);
  assert.equal(stat.type, vscode.FileType.File, `${relativePath} is not a file in the extension`);
}

describe('contributions', () => {
  it('adds a "Stage Guide" container to the activity bar, with an icon that exists', async () => {
    const container = contributes().viewsContainers?.activitybar?.find((c) => c.id === 'stage-guide');
    assert.ok(container, 'no activity-bar container "stage-guide"');
    assert.equal(container.title, 'Stage Guide');
    await assertFileInExtension(container.icon);
  });

  it('puts the "Stage" webview view in that container', () => {
    const views = contributes().views?.['stage-guide'] ?? [];
    assert.deepEqual(
      views.map(({ id, name, type }) => ({ id, name, type })),
      [{ id: 'stageGuide.sidebar', name: 'Stage', type: 'webview' }],
    );
  });

  it('validates .stage.yml with a schema file that ships with the extension', async () => {
    const validation = contributes().yamlValidation?.find((v) => v.fileMatch === '.stage.yml');
    assert.ok(validation, 'no yamlValidation entry for .stage.yml');
    await assertFileInExtension(validation.url);
  });
});
