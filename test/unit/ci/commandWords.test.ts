import * as assert from 'node:assert/strict';
import { installsPackages, lineOfOffset, runCommands } from '../../../src/core/ci/commandWords';

const commands = (script: string) => runCommands(script).map((command) => command.words.join(' '));

describe('ci: the commands a CI script runs', () => {
  it('reads each simple command from its program, quotes removed, past assignments and sudo', () => {
    assert.deepEqual(commands('CI=1 npm run lint && sudo -u app "golangci-lint" run ./...\ncd web; npx tsc --noEmit'), [
      'npm run lint',
      'golangci-lint run ./...',
      'cd web',
      'npx tsc --noEmit',
    ]);
  });

  it('leaves out what only prints, and what installs a tool rather than running it', () => {
    assert.deepEqual(
      commands(
        'echo "npm test"\nprintf \'kubectl apply\'\npip install ruff\npython -m pip install -U mypy\nnpm install -g eslint\nuv tool install ruff\nruff check .',
      ),
      ['ruff check .'],
    );
    assert.equal(installsPackages(['uv', 'tool', 'run', 'ruff']), false, 'uv tool run runs the tool');
    assert.equal(installsPackages(['apt-get', 'install', '-y', 'shellcheck']), true);
    assert.equal(installsPackages(['yarn']), false, 'a bare yarn names no subcommand to judge: kept');
  });

  it('gives each command the offset of its program, for the line it is on', () => {
    const script = 'set -e\n\nmake lint\n';
    const [, lint] = runCommands(script);
    assert.equal(lineOfOffset(script, lint.offset), 2);
  });
});
