import { posixDirname, posixResolve } from '../../fileSystem';
import type { GitOpsDigest, KustomizationDigest, Place } from '../types';
import { firstAtOrAbove, indexFirstByPath } from './pathIndex';

/** What a kustomization (or a GitOps object) that builds a file sets for it. */
export interface AppliedSetting<T> {
  value: T;
  /** The kustomization or GitOps object that sets it. */
  place: Place;
}

/**
 * Kustomize as a reviewer follows it: which files each kustomization builds
 * (through its resources, folders and bases, recursively), which files are
 * patches (partial, never judged alone), and the namespace, replica counts
 * and image pins a kustomization applies to everything it builds. An Argo CD
 * Application or Flux Kustomization sets the namespace of the folder it
 * deploys.
 */
export class KustomizeLinks {
  private readonly patchOf = new Map<string, Place>();
  private readonly builtBy = new Map<string, KustomizationDigest[]>();
  private readonly builds = new Map<KustomizationDigest, string[]>();
  private readonly gitops: Array<{ folder: string; digest: GitOpsDigest }>;
  /** The first GitOps object with a destination namespace, per folder it deploys (namespaceOf). */
  private namespacedFolders: Map<string, number> | undefined;

  /** `build`: the caller runs the linking's steps (one per kustomization) itself, as DeploymentModel's do; else they run here. */
  constructor(
    kustomizations: readonly KustomizationDigest[],
    gitops: readonly GitOpsDigest[],
    isFile: (path: string) => boolean,
    repositoryRoot: string | undefined,
    build?: { steps?: Iterator<void> },
  ) {
    this.gitops =
      repositoryRoot === undefined ? [] : gitops.map((digest) => ({ folder: posixResolve(repositoryRoot, digest.sourcePath), digest }));
    const steps = this.link(kustomizations, isFile);
    if (build) build.steps = steps;
    else while (!steps.next().done);
  }

  /** What each kustomization builds and patches, one kustomization per step (a closure follows its bases and overlays). */
  private *link(kustomizations: readonly KustomizationDigest[], isFile: (path: string) => boolean): Generator<void, void, undefined> {
    const byFolder = new Map(kustomizations.map((digest) => [posixDirname(digest.path), digest]));
    for (const kustomization of kustomizations.map((digest) => withComponents(digest, byFolder, 0))) {
      const folder = posixDirname(kustomization.path);
      for (const patch of kustomization.patches) this.patchOf.set(posixResolve(folder, patch), { path: kustomization.path, line: 0 });
      const built = this.closure(kustomization, byFolder, isFile, new Set()).files;
      this.builds.set(kustomization, built);
      for (const file of built) {
        const list = this.builtBy.get(file) ?? [];
        list.push(kustomization);
        this.builtBy.set(file, list);
      }
      yield;
    }
  }

  /** The kustomization that applies `path` as a patch. */
  patchedBy(path: string): Place | undefined {
    return this.patchOf.get(path);
  }

  /** The namespace every build of `path` puts it in, when one is set (the first kustomization or GitOps object that sets one). */
  namespaceOf(path: string): AppliedSetting<string> | undefined {
    const kustomization = this.builtBy.get(path)?.find((each) => each.namespace);
    if (kustomization) return { value: kustomization.namespace!, place: { path: kustomization.path, line: 0 } };
    // Asked for every finding of every copy, against every other copy: the destinations are indexed by folder once,
    // and each path's answer kept.
    if (this.deployedNamespaces.has(path)) return this.deployedNamespaces.get(path);
    this.namespacedFolders ??= indexFirstByPath(this.gitops, ({ folder, digest }) => (digest.namespace ? folder : undefined));
    const at = firstAtOrAbove(this.namespacedFolders, path);
    const deployed = at === undefined ? undefined : this.gitops[at];
    const answer = deployed
      ? { value: deployed.digest.namespace!, place: { path: deployed.digest.path, line: deployed.digest.line } }
      : undefined;
    this.deployedNamespaces.set(path, answer);
    return answer;
  }

  /** namespaceOf's answer from the GitOps destinations, per path asked. */
  private readonly deployedNamespaces = new Map<string, AppliedSetting<string> | undefined>();

  /** A `replicas:` count a kustomization that builds `path` sets for the workload `name`. */
  replicasOf(path: string, name: string): AppliedSetting<number> | undefined {
    const kustomization = this.builtBy.get(path)?.find((each) => Object.hasOwn(each.replicas, name));
    return kustomization ? { value: kustomization.replicas[name], place: { path: kustomization.path, line: 0 } } : undefined;
  }

  /** A kustomization that builds `path` pins the image (by `images:` name) to a tag or digest. */
  imagePinnedFor(path: string, imageName: string): Place | undefined {
    const kustomization = this.builtBy.get(path)?.find((each) => each.pinnedImages.includes(imageName));
    return kustomization ? { path: kustomization.path, line: 0 } : undefined;
  }

  /** A kustomization that builds `path` and rewrites labels or names, or builds what we cannot see (see KustomizationDigest.rewrites). */
  rewritingBuildOf(path: string): AppliedSetting<string[]> | undefined {
    const kustomization = this.builtBy.get(path)?.find((each) => each.rewrites);
    return kustomization ? { value: kustomization.rewrites!, place: { path: kustomization.path, line: 0 } } : undefined;
  }

  /** Every file built together with `path`, by any kustomization that builds it. */
  builtWith(path: string): string[] {
    return [...new Set((this.builtBy.get(path) ?? []).flatMap((kustomization) => this.builds.get(kustomization) ?? []))];
  }

  /** True when some kustomization builds `path`. */
  isBuilt(path: string): boolean {
    return this.builtBy.has(path);
  }

  /**
   * Every file a kustomization builds: its resource files, and what the kustomizations of its resource folders build.
   * `whole` is false when a cycle or the depth bound cut the walk short (the answer then depends on the path to it).
   */
  private closure(
    kustomization: KustomizationDigest,
    byFolder: ReadonlyMap<string, KustomizationDigest>,
    isFile: (path: string) => boolean,
    visiting: Set<KustomizationDigest>,
  ): { files: string[]; whole: boolean } {
    // Overlays share their bases: a base's closure is walked once, not once per overlay that names it.
    const known = this.closures.get(kustomization);
    if (known) return { files: known, whole: true };
    if (visiting.has(kustomization) || visiting.size > 20) return { files: [], whole: false };
    visiting.add(kustomization);
    const folder = posixDirname(kustomization.path);
    const files: string[] = [];
    let whole = true;
    for (const resource of kustomization.resources) {
      const resolved = posixResolve(folder, resource);
      const nested = byFolder.get(resolved);
      if (nested) {
        const built = this.closure(nested, byFolder, isFile, visiting);
        for (const file of built.files) files.push(file);
        whole &&= built.whole;
      } else if (isFile(resolved)) files.push(resolved);
    }
    visiting.delete(kustomization);
    if (whole) this.closures.set(kustomization, files);
    return { files, whole };
  }

  /** closure's whole answers, by kustomization. */
  private readonly closures = new Map<KustomizationDigest, string[]>();
}

/**
 * The kustomization with what its `components:` set applied to it as kustomize applies them (a Component's
 * `namespace:`, `images:` pins, `replicas:` and label or name rewrites hold for everything the including
 * kustomization builds); its own settings win. Components of components too, to a bounded depth.
 */
function withComponents(
  digest: KustomizationDigest,
  byFolder: ReadonlyMap<string, KustomizationDigest>,
  depth: number,
): KustomizationDigest {
  if (!digest.components || depth > 10) return digest;
  const folder = posixDirname(digest.path);
  let applied = digest;
  for (const component of digest.components) {
    const found = byFolder.get(posixResolve(folder, component));
    if (!found || found === digest) continue;
    const settings = withComponents(found, byFolder, depth + 1);
    const rewrites = [...new Set([...(applied.rewrites ?? []), ...(settings.rewrites ?? [])])];
    applied = {
      ...applied,
      ...(applied.namespace === undefined && settings.namespace !== undefined ? { namespace: settings.namespace } : {}),
      pinnedImages: [...new Set([...applied.pinnedImages, ...settings.pinnedImages])],
      replicas: { ...settings.replicas, ...applied.replicas },
      ...(rewrites.length > 0 ? { rewrites } : {}),
    };
  }
  return applied;
}
