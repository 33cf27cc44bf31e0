import { posixBasename } from '../../../fileSystem';
import { parseImageReference } from '../../../rules/containerImage';
import type { DockerfileFact, DockerfileStage } from '../../facts';
import { fails, holds } from '../observation';
import type { Observation } from '../observation';

/**
 * Official runtime images, by repository, with the runtime's name and how
 * many version parts pin it: Node.js and Java by major (`node:20-alpine`,
 * `eclipse-temurin:21-jre`), Python, Go, Ruby, PHP and .NET by minor
 * (`python:3.12-slim`, `golang:1.22`, `aspnet:8.0`).
 */
const RUNTIME_IMAGES: ReadonlyArray<{ repository: string; runtime: string; precision: number }> = [
  { repository: 'node', runtime: 'Node.js', precision: 1 },
  { repository: 'python', runtime: 'Python', precision: 2 },
  { repository: 'golang', runtime: 'Go', precision: 2 },
  { repository: 'ruby', runtime: 'Ruby', precision: 2 },
  { repository: 'php', runtime: 'PHP', precision: 2 },
  { repository: 'openjdk', runtime: 'Java', precision: 1 },
  { repository: 'eclipse-temurin', runtime: 'Java', precision: 1 },
  { repository: 'amazoncorretto', runtime: 'Java', precision: 1 },
  { repository: 'dotnet/aspnet', runtime: '.NET', precision: 2 },
  { repository: 'dotnet/runtime', runtime: '.NET', precision: 2 },
  { repository: 'dotnet/sdk', runtime: '.NET', precision: 2 },
  { repository: 'oven/bun', runtime: 'Bun', precision: 2 },
  { repository: 'denoland/deno', runtime: 'Deno', precision: 2 },
  { repository: 'elixir', runtime: 'Elixir', precision: 2 },
];

/**
 * runtime.pinned from the image a Dockerfile ships: the final stage's base
 * (followed through earlier stages by alias) when it is an official runtime
 * image. A tag that names the version (`node:20-alpine`) or a digest pins the
 * runtime; a tag without one (`node:alpine`, `node:lts`, `python:3-slim`)
 * floats with every rebuild, whatever a version file says: counter-evidence.
 */
export function runtimeImageObservation(dockerfile: DockerfileFact, relativePath: string): Observation | undefined {
  if (isDevelopmentDockerfile(relativePath)) return undefined;
  const aliases = new Map(dockerfile.stages.filter((stage) => stage.alias).map((stage) => [stage.alias!, stage]));
  const stage = baseStage(dockerfile.stages[dockerfile.stages.length - 1], aliases);
  const reference = parseImageReference(stage.image);
  if (!reference) return undefined;
  const repository = reference.repository.toLowerCase().replace(/^library\//, '');
  const known = RUNTIME_IMAGES.find(
    (entry) => repository === entry.repository || (entry.repository.includes('/') && repository.endsWith(`/${entry.repository}`)),
  );
  if (!known) return undefined;
  const at = { path: dockerfile.path, line: stage.line };
  const name = posixBasename(dockerfile.path);
  if (reference.digest || versionParts(reference.tag ?? '') >= known.precision)
    return holds('runtime.pinned', at, `${name}: ${known.runtime} from ${stage.image}`);
  return fails('runtime.pinned', at, `${name}: base image ${stage.image} does not name a ${known.runtime} version`);
}

/** Dev containers and dev/test images (`Dockerfile.dev`, `test.Dockerfile`, `tests/Dockerfile`) do not ship the runtime. */
function isDevelopmentDockerfile(relativePath: string): boolean {
  const path = relativePath;
  const segments = path.toLowerCase().split('/');
  if (segments.some((segment) => ['.devcontainer', 'test', 'tests', 'e2e'].includes(segment))) return true;
  const qualifiers = segments[segments.length - 1].split(/[.-]/).filter((part) => part !== 'dockerfile');
  return qualifiers.some((part) => ['dev', 'develop', 'development', 'local', 'test', 'tests', 'ci', 'debug'].includes(part));
}

/** How many leading dot-separated numbers the tag starts with (`20.11-alpine` → 2, `alpine` → 0, `3-slim` → 1). */
function versionParts(tag: string): number {
  const version = tag.replace(/^v/, '').split('-')[0];
  let count = 0;
  for (const part of version.split('.')) {
    if (!/^\d+$/.test(part)) break;
    count++;
  }
  return count;
}

function baseStage(stage: DockerfileStage, aliases: Map<string, DockerfileStage>, depth = 0): DockerfileStage {
  const parent = aliases.get(stage.image.toLowerCase());
  return parent && parent !== stage && depth < 8 ? baseStage(parent, aliases, depth + 1) : stage;
}
