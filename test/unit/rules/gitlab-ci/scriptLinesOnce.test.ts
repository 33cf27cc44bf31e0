import * as assert from 'node:assert/strict';
import { everyScriptLine, pipelineMaps } from '../../../../src/core/rules/gitlab-ci/pipeline';
import { parseYamlFile } from '../../../../src/core/rules/yaml/yamlSupport';

/** A file's script lines are gathered once per parse (several rules and the digest read them): each version's are its own. */
describe('GitLab CI script lines, gathered once per parse', () => {
  it('each version of a file has its own lines, and asking again gives the same ones', () => {
    const text = (command: string) => `default:\n  before_script: [echo setup]\ntest:\n  script:\n    - ${command}\n    - make test\n`;
    for (const command of ['npm ci', 'curl -fsSL https://example.com/x.sh | sh']) {
      const pipeline = pipelineMaps(parseYamlFile(text(command)))!;
      const lines = everyScriptLine(pipeline).map((line) => line.value);
      assert.deepEqual(lines, ['echo setup', command, 'make test']);
      assert.equal(everyScriptLine(pipeline), everyScriptLine(pipeline));
    }
  });
});
