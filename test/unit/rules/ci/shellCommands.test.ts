import { strict as assert } from 'node:assert';
import { findRemoteScriptExecution } from '../../../../src/core/rules/ci/shellCommands';

describe('ci shell commands (shared by GitHub Actions and GitLab CI)', () => {
  describe('findRemoteScriptExecution', () => {
    const found = (script: string) => findRemoteScriptExecution(script).map((match) => match.text);

    it('finds download-and-execute forms', () => {
      assert.deepEqual(found('curl -fsSL https://x.sh | sh'), ['curl -fsSL https://x.sh | sh']);
      assert.deepEqual(found('wget -qO- https://x | sudo -E bash -s -- -y'), ['wget -qO- https://x | sudo -E bash']);
      assert.deepEqual(found('curl https://x | zsh'), ['curl https://x | zsh']);
      assert.deepEqual(found('cd /tmp && sudo curl -s https://x | sh'), ['sudo curl -s https://x | sh']);
      assert.deepEqual(found('echo start\n  curl -s https://x | sh'), ['curl -s https://x | sh']);
      assert.deepEqual(found('source <(curl -s https://x)'), ['source <(curl -s https://x)']);
      assert.deepEqual(found('sh -c "$(curl -fsSL https://x)"'), ['sh -c "$(curl -fsSL https://x)']);
      assert.deepEqual(found('curl "https://x?a=1&b=2" | bash'), ['curl "https://x?a=1&b=2" | bash']);
    });

    it('ignores downloads that are saved, parsed or unpacked', () => {
      assert.deepEqual(found('curl -o x.sh https://x && sh x.sh'), []);
      assert.deepEqual(found('curl -s https://x | jq .name'), []);
      assert.deepEqual(found('curl -sL https://x.tgz | tar xz'), []);
      assert.deepEqual(found('curl -s https://x | shasum -a 256'), []);
      assert.deepEqual(found('echo curl | sh'), []);
    });

    it('reads pipes from the tokenized script: a quoted `|` is no pipe, a long line ends fast', () => {
      assert.deepEqual(found('curl "https://x/?q=a|sh"'), []);
      assert.deepEqual(found('curl -s https://x \\\n  | sudo -E bash'), ['curl -s https://x \\\n  | sudo -E bash']);
      const started = Date.now();
      assert.deepEqual(found(`curl ${'a'.repeat(200000)}`), []);
      // Generous: the old regex took seconds here only at larger sizes; this catches a hang, not a slowdown.
      assert.ok(Date.now() - started < 10000);
    });
  });
});
