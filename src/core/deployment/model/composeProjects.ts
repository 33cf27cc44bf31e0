import { posixBasename, posixDirname, posixResolve } from '../../fileSystem';
import type { ComposeDigest, ComposeServiceDigest, Place } from '../types';

/** The compose files Compose loads by default in a folder, base first (`docker compose up` with no `-f`). */
const DEFAULT_BASES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const DEFAULT_OVERRIDES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

/** True for the names Compose reads by default in a folder (`compose.yaml`, `docker-compose.yml`, their overrides). */
export function isDefaultComposeName(name: string): boolean {
  return DEFAULT_BASES.includes(name) || DEFAULT_OVERRIDES.includes(name);
}

/** Files used together, in the order Compose merges them (later files override earlier ones). */
export interface ComposeProject {
  files: string[];
  /** Why these files go together, for hovers and reports: "loaded by default", "docker compose -f … in deploy.yml:12". */
  reason: string;
}

/** A service's definition in one file, with paths resolved. */
export interface ServiceDefinition {
  path: string;
  digest: ComposeServiceDigest;
}

/**
 * Groups compose files into projects: the default pair of a folder (base +
 * override), every `-f` chain a script runs, and `include:`d files joined to
 * the including project. Every compose file is in at least one project (a
 * file used alone is a project of its own).
 */
export function composeProjects(
  composeFiles: ReadonlyMap<string, ComposeDigest>,
  chains: ReadonlyArray<{ files: string[]; reason: string }>,
): ComposeProject[] {
  const projects: ComposeProject[] = [];
  const seen = new Set<string>();
  const add = (files: string[], reason: string) => {
    const known = withIncludes(
      files.filter((file) => composeFiles.has(file)),
      composeFiles,
    );
    const key = known.join('\n');
    if (known.length === 0 || seen.has(key)) return;
    seen.add(key);
    projects.push({ files: known, reason });
  };
  const folders = new Set([...composeFiles.keys()].map(posixDirname));
  for (const folder of folders) {
    const base = DEFAULT_BASES.map((name) => `${folder}/${name}`).find((path) => composeFiles.has(path));
    const override = DEFAULT_OVERRIDES.map((name) => `${folder}/${name}`).find((path) => composeFiles.has(path));
    if (base && override) add([base, override], `${posixBasename(base)} and ${posixBasename(override)} are loaded together by default`);
  }
  for (const chain of chains) add(chain.files, chain.reason);
  const grouped = new Set(projects.flatMap((project) => project.files));
  for (const path of composeFiles.keys()) if (!grouped.has(path)) add([path], 'used alone');
  return projects;
}

/** The files with the files they `include:` (recursively, each once), included files first as Compose loads them. */
function withIncludes(files: readonly string[], composeFiles: ReadonlyMap<string, ComposeDigest>): string[] {
  const result: string[] = [];
  const visit = (path: string, depth: number) => {
    if (result.includes(path) || depth > 10) return;
    const digest = composeFiles.get(path);
    for (const included of digest?.includes ?? []) {
      const resolved = posixResolve(posixDirname(path), included);
      if (composeFiles.has(resolved)) visit(resolved, depth + 1);
    }
    result.push(path);
  };
  for (const file of files) visit(file, 0);
  return result;
}

/** Every definition of a service across a project's files, in merge order, with `extends:` followed. */
export function definitionsIn(
  project: ComposeProject,
  service: string,
  composeFiles: ReadonlyMap<string, ComposeDigest>,
): ServiceDefinition[] {
  const definitions: ServiceDefinition[] = [];
  for (const path of project.files) {
    const digest = composeFiles.get(path)?.services.find((each) => each.name === service);
    if (digest) definitions.push(...withExtended(path, digest, composeFiles, 0), { path, digest });
  }
  return definitions;
}

/** The services a definition `extends:` (recursively), base first. */
function withExtended(
  path: string,
  digest: ComposeServiceDigest,
  composeFiles: ReadonlyMap<string, ComposeDigest>,
  depth: number,
): ServiceDefinition[] {
  if (!digest.extends || depth > 10) return [];
  const from = digest.extends.path ? posixResolve(posixDirname(path), digest.extends.path) : path;
  const base = composeFiles.get(from)?.services.find((each) => each.name === digest.extends!.service);
  if (!base || (from === path && base === digest)) return [];
  return [...withExtended(from, base, composeFiles, depth + 1), { path: from, digest: base }];
}

/** Where a key is set among the definitions (the last file that sets it wins, as in a merge). */
export function settingIn(definitions: readonly ServiceDefinition[], keys: readonly string[]): Place | undefined {
  for (let i = definitions.length - 1; i >= 0; i--) {
    for (const key of keys) {
      const line = definitions[i].digest.keys[key];
      if (line !== undefined) return { path: definitions[i].path, line };
    }
  }
  return undefined;
}
