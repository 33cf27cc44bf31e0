import { posixBasename, posixDirname } from '../../fileSystem';
import type { ComposeServiceDigest, RoleVerdict, WorkloadDigest } from '../types';
import { imageListed, nameWords, roleTables, wordsAndPairs } from './roleTables';

/** The role a folder or file name gives everything in it (test, dev), if any. */
export function roleFromPath(path: string): RoleVerdict | undefined {
  const tables = roleTables();
  const folders = posixDirname(path).toLowerCase().split('/');
  const testFolder = folders.find((folder) => tables.testFolders.has(folder));
  if (testFolder) return { role: 'test', reason: `its file lies under a "${testFolder}" folder` };
  const devFolder = folders.find((folder) => tables.devFolders.has(folder));
  if (devFolder) return { role: 'dev', reason: `its file lies under a "${devFolder}" folder` };
  const toolingFolder = folders.find((folder) => tables.toolingFolders.has(folder));
  if (toolingFolder) return { role: 'tooling', reason: `its file lies under a "${toolingFolder}" folder (a code generator)` };
  const words = nameWords(posixBasename(path));
  const testWord = words.find((word) => tables.testFileWords.has(word));
  if (testWord) return { role: 'test', reason: `its file name says "${testWord}"` };
  const devWord = words.find((word) => tables.devFileWords.has(word));
  if (devWord) return { role: 'dev', reason: `its file name says "${devWord}"` };
  return undefined;
}

/** What an image name alone says: a database, a test runner, a code generator. */
export function roleFromImage(image: string | undefined): RoleVerdict | undefined {
  if (!image) return undefined;
  const tables = roleTables();
  if (imageListed(image, tables.statefulImages))
    return { role: 'stateful', reason: `image ${image} keeps state (a database, cache or broker)` };
  if (imageListed(image, tables.testImages)) return { role: 'test', reason: `image ${image} runs tests or load` };
  if (imageListed(image, tables.toolingImages)) return { role: 'tooling', reason: `image ${image} is a build-time tool` };
  return undefined;
}

/** What a service or workload name says: a migration that runs once, a test runner. */
export function roleFromName(name: string | undefined): RoleVerdict | undefined {
  if (!name) return undefined;
  const tables = roleTables();
  const words = wordsAndPairs(name);
  // A workload or service called just "load" is a load generator (robot-shop, many demos); "load-balancer" is not.
  const test = name.toLowerCase() === 'load' ? 'load' : words.find((word) => tables.testNameWords.has(word));
  if (test) return { role: 'test', reason: `its name "${name}" says it tests` };
  const once = words.find((word) => tables.oneShotNameWords.has(word));
  if (once) return { role: 'one-shot', reason: `its name "${name}" says it runs once (${once})` };
  const parts = nameWords(name);
  const last = parts[parts.length - 1];
  if (last !== undefined && tables.statefulNameEndings.has(last))
    return { role: 'stateful', reason: `its name "${name}" says it is a database (${last})` };
  return undefined;
}

const DEFAULT_SERVICE: RoleVerdict = {
  role: 'service',
  reason: 'nothing says it is a database, a test, a one-shot task or for development only',
};

/**
 * A compose service's role, from all its definitions in the project (base
 * first). The image and the name speak first; a file's name (`compose.test.yml`)
 * or folder only when every definition is in such a file, so a service
 * defined in `compose.yaml` and tuned in `compose.override.yaml` is not dev-only.
 */
export function composeServiceRole(
  definitions: ReadonlyArray<{ path: string; digest: ComposeServiceDigest }>,
  builtImageRole?: RoleVerdict,
  awaitedBy?: string,
): RoleVerdict {
  const last = definitions[definitions.length - 1]?.digest;
  const image = [...definitions].reverse().find((definition) => definition.digest.image)?.digest.image;
  const byPath = definitions.map((definition) => roleFromPath(definition.path));
  if (byPath.length > 0 && byPath.every((verdict) => verdict?.role === 'test')) return byPath[0]!;
  // Another service starts only once this one has exited successfully: whatever its image (busybox fixing a
  // volume's owner, the app's own image running migrations), it is a task that runs once.
  if (awaitedBy !== undefined)
    return { role: 'one-shot', reason: `"${awaitedBy}" waits for it to complete (depends_on condition: service_completed_successfully)` };
  const byImage = roleFromImage(image);
  if (byImage) return byImage;
  const byName = roleFromName(last?.name);
  if (byName) return byName;
  const restart = [...definitions].reverse().find((definition) => definition.digest.restart !== undefined)?.digest.restart;
  // `restart: "no"` on a service that publishes ports is a choice about restarts, not a task that runs once.
  const publishes = definitions.some((definition) => definition.digest.publishesPorts);
  if ((restart === 'no' || restart === '"no"') && !publishes)
    return { role: 'one-shot', reason: 'it sets restart: "no" and publishes no port (it runs once)' };
  if (byPath.length > 0 && byPath.every((verdict) => verdict !== undefined)) return byPath[0]!;
  if (builtImageRole && builtImageRole.role !== 'service') return builtImageRole;
  return DEFAULT_SERVICE;
}

/** A Kubernetes workload's role: by path, kind, image, name, and whether a Service routes traffic to it. */
export function workloadRole(
  path: string,
  workload: WorkloadDigest,
  selectedByService: string | undefined,
  servicesKnown: boolean,
): RoleVerdict {
  const byPath = roleFromPath(path);
  if (byPath) return byPath;
  if (workload.kind === 'Job' || workload.kind === 'CronJob') return { role: 'one-shot', reason: `a ${workload.kind} runs to completion` };
  if (workload.kind === 'StatefulSet') return { role: 'stateful', reason: 'a StatefulSet keeps state' };
  for (const image of workload.images) {
    const byImage = roleFromImage(image);
    if (byImage) return byImage;
  }
  const byName = roleFromName(workload.name);
  if (byName) return byName;
  if (selectedByService) return { role: 'service', reason: `Service "${selectedByService}" routes traffic to its pods` };
  // Without any Service in the workspace (rendered elsewhere, a Helm chart), "no Service selects it" would be a guess.
  if (servicesKnown) return { role: 'worker', reason: 'no Service in the workspace selects its pods' };
  return DEFAULT_SERVICE;
}
