import { posixBasename } from '../../../fileSystem';
import { compileLinearGlob, withoutTrailingSlashes } from '../../../glob/linearGlob';
import { holds } from '../observation';
import type { Observation } from '../observation';
import type { Derivation } from './context';

/** deps.manifest, deps.lockfile (fully pinned requirements), runtime.pinned (version fields), deps.automated-updates (Dependabot coverage, package.json renovate). */
export const manifestSignals: Derivation = {
  signals: ['deps.manifest', 'deps.lockfile', 'runtime.pinned', 'deps.automated-updates'],
  derive({ facts, scopeFolder }) {
    const observations: Observation[] = facts.manifests.map((manifest) =>
      holds('deps.manifest', { path: manifest.path }, posixBasename(manifest.path)),
    );
    for (const setting of facts.settings) {
      if (setting.what === 'requirements-pinned') observations.push(holds('deps.lockfile', setting.at, setting.value));
      else if (setting.what === 'runtime-pin') observations.push(holds('runtime.pinned', setting.at, setting.value));
      else if (setting.what === 'renovate-config') observations.push(holds('deps.automated-updates', setting.at, setting.value));
      else if (setting.what === 'dependabot-directory' && dependabotCovers(setting.value, scopeFolder)) {
        observations.push(holds('deps.automated-updates', setting.at, `Dependabot updates ${setting.value}`));
      }
    }
    return observations;
  },
};

/**
 * "npm /services/api" covers the service at services/api (or a manifest below
 * it); "/" covers only the repository root. GitHub Actions updates say nothing
 * about the service's own dependencies.
 */
export function dependabotCovers(value: string, scopeFolder: string): boolean {
  const [ecosystem, ...rest] = value.split(' ');
  if (ecosystem === 'github-actions') return false;
  const directory = withoutTrailingSlashes(
    rest
      .join(' ')
      .trim()
      .replace(/^\.?\/+/, ''),
  );
  if (directory.includes('*')) {
    // A glob from the repository's own file: matched linearly, never compiled into a regular expression.
    return compileLinearGlob(directory).match(scopeFolder) || compileLinearGlob(`${directory}/**`).match(scopeFolder);
  }
  return (
    directory === scopeFolder || (directory.startsWith(`${scopeFolder}/`) && scopeFolder !== '') || (scopeFolder === '' && directory === '')
  );
}
