import { posixBasename, posixRelative } from '../../../fileSystem';
import { imagePinning, parseImageReference } from '../../../rules/containerImage';
import type { DockerfileFact, DockerfileStage } from '../../facts';
import { fails, holds } from '../observation';
import type { Observation } from '../observation';
import type { Derivation } from './context';
import { DATABASE_ENV_KEY } from './environmentKeys';
import { runtimeImageObservation } from './runtimeImages';

/**
 * Dockerfile and compose signals: container.multi-stage and
 * container.non-root-pinned (every Dockerfile), health.endpoint (HEALTHCHECK,
 * app healthchecks in compose), compose.restart-policy (every long-running
 * service), config.db-from-env (the app's compose environment),
 * runtime.pinned (the runtime image a Dockerfile ships, see runtimeImages).
 */
export const containerSignals: Derivation = {
  signals: [
    'container.multi-stage',
    'container.non-root-pinned',
    'health.endpoint',
    'compose.restart-policy',
    'config.db-from-env',
    'runtime.pinned',
  ],
  *derive({ facts }) {
    const observations: Observation[] = [];
    for (const dockerfile of facts.dockerfiles) {
      const name = posixBasename(dockerfile.path);
      const final = dockerfile.stages[dockerfile.stages.length - 1];
      if (dockerfile.stages.length >= 2)
        observations.push(
          holds('container.multi-stage', { path: dockerfile.path, line: final.line }, `${name}: ${dockerfile.stages.length} stages`),
        );
      else
        observations.push(fails('container.multi-stage', { path: dockerfile.path, line: final.line }, `${name} is a single-stage build`));
      observations.push(nonRootPinned(dockerfile));
      const runtime = runtimeImageObservation(dockerfile, posixRelative(facts.workspaceRoot, dockerfile.path) ?? name);
      if (runtime) observations.push(runtime);
      if (dockerfile.healthcheck && !dockerfile.healthcheck.none)
        observations.push(holds('health.endpoint', { path: dockerfile.path, line: dockerfile.healthcheck.line }, `${name} HEALTHCHECK`));
      yield;
    }
    for (const compose of facts.compose) {
      const judgesRestarts = !isDevelopmentCompose(posixBasename(compose.path));
      for (const service of compose.services) {
        if (service.built && service.healthcheck && !service.healthcheck.disabled) {
          observations.push(
            holds('health.endpoint', { path: compose.path, line: service.healthcheck.line }, `compose service ${service.name} healthcheck`),
          );
        }
        if (judgesRestarts) {
          const restart = service.restart?.value.replace(/["']/g, '');
          if (restart === undefined)
            observations.push(
              fails(
                'compose.restart-policy',
                { path: compose.path, line: service.line },
                `compose service ${service.name} has no restart policy`,
              ),
            );
          // restart: "no" is a deliberate choice for one-off jobs (migrations, seeders): neither for nor against.
          else if (restart !== 'no' && restart !== 'none')
            observations.push(
              holds(
                'compose.restart-policy',
                { path: compose.path, line: service.restart!.line },
                `compose service ${service.name} restart: ${restart}`,
              ),
            );
        }
        if (service.built) {
          for (const variable of service.environment) {
            if (DATABASE_ENV_KEY.test(variable.key))
              observations.push(
                holds(
                  'config.db-from-env',
                  { path: compose.path, line: variable.line },
                  `compose service ${service.name} gets ${variable.key} from the environment`,
                ),
              );
          }
        }
      }
      yield;
    }
    for (const setting of facts.settings) {
      if (setting.what === 'env-key' && DATABASE_ENV_KEY.test(setting.value))
        observations.push(holds('config.db-from-env', setting.at, `${posixBasename(setting.at.path)} documents ${setting.value}`));
    }
    return observations;
  },
};

/** Override and test compose files are for development: restart policies there are not the point. */
function isDevelopmentCompose(basename: string): boolean {
  return /[.-](override|dev|development|test|tests|ci|local)\.ya?ml$/.test(basename);
}

/** Users that are root: the name, uid 0, or either with a group. */
function isRootUser(user: string): boolean {
  const name = user.split(':')[0].trim().toLowerCase();
  return name === 'root' || name === '0';
}

/** Base images that run as a non-root user by default (distroless :nonroot, Chainguard). */
function nonRootByDefault(image: string): boolean {
  const reference = parseImageReference(image);
  if (!reference) return false;
  return (reference.tag ?? '').includes('nonroot') || (reference.registry === 'cgr.dev' && reference.repository.startsWith('chainguard/'));
}

function nonRootPinned(dockerfile: DockerfileFact): Observation {
  const name = posixBasename(dockerfile.path);
  const final = dockerfile.stages[dockerfile.stages.length - 1];
  const aliases = new Map(dockerfile.stages.filter((stage) => stage.alias).map((stage) => [stage.alias!, stage]));
  const unpinned = dockerfile.stages.find(
    (stage) => !aliases.has(stage.image.toLowerCase()) && ['latest', 'untagged'].includes(imagePinning(stage.image)),
  );
  if (unpinned)
    return fails(
      'container.non-root-pinned',
      { path: dockerfile.path, line: unpinned.line },
      `${name}: base image ${unpinned.image} is not pinned to a version`,
    );
  const user = effectiveUser(final, aliases);
  if (user && !isRootUser(user.value))
    return holds(
      'container.non-root-pinned',
      { path: dockerfile.path, line: user.line },
      `${name}: USER ${user.value}, pinned base images`,
    );
  if (!user && nonRootByDefault(baseImage(final, aliases)))
    return holds('container.non-root-pinned', { path: dockerfile.path, line: final.line }, `${name}: ${final.image} runs as non-root`);
  return fails(
    'container.non-root-pinned',
    { path: dockerfile.path, line: user?.line ?? final.line },
    `${name}: the final stage runs as root`,
  );
}

/** A stage without USER inherits the user of the stage it is built FROM. */
function effectiveUser(stage: DockerfileStage, aliases: Map<string, DockerfileStage>, depth = 0): DockerfileStage['user'] {
  if (stage.user || depth > 8) return stage.user;
  const parent = aliases.get(stage.image.toLowerCase());
  return parent && parent !== stage ? effectiveUser(parent, aliases, depth + 1) : undefined;
}

function baseImage(stage: DockerfileStage, aliases: Map<string, DockerfileStage>, depth = 0): string {
  const parent = aliases.get(stage.image.toLowerCase());
  return parent && parent !== stage && depth < 8 ? baseImage(parent, aliases, depth + 1) : stage.image;
}
