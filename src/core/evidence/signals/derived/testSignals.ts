import { posixBasename } from '../../../fileSystem';
import type { SourceRef } from '../../facts';
import type { RelevanceSpec } from '../../scan/relevance';
import { holds } from '../observation';
import type { Observation } from '../observation';
import type { Derivation } from './context';

/** Files that configure a test runner (kept by the scan for this derivation). */
export const TEST_RUNNER_FILES: RelevanceSpec = {
  basenames: [
    'pytest.ini',
    'tox.ini',
    'noxfile.py',
    'conftest.py',
    'phpunit.xml',
    'phpunit.xml.dist',
    '.rspec',
    'jest.config.js',
    'jest.config.ts',
    'vitest.config.ts',
    'vitest.config.js',
    '.mocharc.json',
    '.mocharc.yml',
    'karma.conf.js',
  ],
};

const NPM_DEFAULT_TEST = /no test specified/;
const RUNNER_DEPENDENCIES: Record<string, string[]> = {
  pypi: ['pytest'],
  rubygems: ['rspec', 'rspec-rails', 'minitest', 'rails'],
  composer: ['phpunit/phpunit', 'pestphp/pest'],
};

/**
 * tests.one-command: tests exist (tests.present) and the ecosystem's standard
 * command runs them — a real `npm test` script, pytest, `go test ./...` with a
 * go.mod, `cargo test`, Maven/Gradle, rspec, phpunit, or a make target.
 */
export const testSignals: Derivation = {
  signals: ['tests.one-command'],
  derive({ facts, dataObservations }) {
    if (!dataObservations('tests.present').some((observation) => observation.holds)) return [];
    const runners: Array<{ at: SourceRef; detail: string }> = [];
    for (const setting of facts.settings) {
      if (setting.what === 'npm-script:test' && !NPM_DEFAULT_TEST.test(setting.value))
        runners.push({ at: setting.at, detail: `npm test runs \`${setting.value}\`` });
      else if (setting.what === 'pytest-config') runners.push({ at: setting.at, detail: 'pytest configured in pyproject.toml' });
      else if (/^make-target:(test|tests|check)$/.test(setting.what))
        runners.push({ at: setting.at, detail: `${posixBasename(setting.at.path)} target "${setting.what.split(':')[1]}"` });
    }
    for (const [path] of facts.files) {
      if (TEST_RUNNER_FILES.basenames!.includes(posixBasename(path)))
        runners.push({ at: { path }, detail: `${posixBasename(path)} configures the test runner` });
    }
    for (const dependency of facts.dependencies) {
      if (RUNNER_DEPENDENCIES[dependency.ecosystem]?.includes(dependency.name))
        runners.push({ at: dependency.at, detail: `${dependency.name} runs the tests` });
    }
    for (const manifest of facts.manifests) {
      const command = {
        go: 'go test ./...',
        cargo: 'cargo test',
        maven: posixBasename(manifest.path) === 'pom.xml' ? 'mvn test' : 'gradle test',
      }[manifest.ecosystem as 'go' | 'cargo' | 'maven'];
      if (command) runners.push({ at: { path: manifest.path }, detail: `${command} (${posixBasename(manifest.path)})` });
    }
    return runners.map((runner): Observation => holds('tests.one-command', runner.at, runner.detail));
  },
};
