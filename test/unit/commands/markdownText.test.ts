import { strict as assert } from 'node:assert';
import { escapeMarkdown } from '../../../src/extension/stageFileSupport/markdownText';

describe('commands: Markdown escaping for hovers and tooltips', () => {
  it('escapes Markdown syntax so file text shows literally, and leaves spaces alone', () => {
    assert.equal(escapeMarkdown('Role-based access, *encrypted* storage'), 'Role\\-based access, \\*encrypted\\* storage');
    assert.equal(
      escapeMarkdown('<img src=x onerror=alert(1)> [link](cmd:x)'),
      '\\<img src=x onerror=alert\\(1\\)\\> \\[link\\]\\(cmd:x\\)',
    );
    assert.equal(escapeMarkdown('services/api/.stage.yml'), 'services/api/\\.stage\\.yml');
  });
});
