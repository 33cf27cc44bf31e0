import { textHashes } from '../../textHashes';
import { posixBasename, posixDirname, posixRelative, posixResolve, withoutTrailingSlash } from '../../fileSystem';
import type {
  CommandsDigest,
  ComposeDigest,
  ComposeServiceDigest,
  DockerfileDigest,
  DockerfileStageDigest,
  FileDigest,
  GitOpsDigest,
  HelmChartDigest,
  HelmTemplateDigest,
  HelmValuesDigest,
  KustomizationDigest,
  ManifestDigest,
  ServiceAccountDigest,
  Place,
  RoleVerdict,
  WorkloadDigest,
  WorkloadTargetDigest,
} from '../types';
import { interpolate } from '../digest/dotenvDigest';
import { composeProjects, definitionsIn, isDefaultComposeName } from './composeProjects';
import type { ComposeProject, ServiceDefinition } from './composeProjects';
import { KustomizeLinks } from './kustomizeLinks';
import { firstAtOrAbove, indexFirstByPath } from './pathIndex';
import { imageRepository, nameWords } from './roleTables';
import { composeServiceRole, roleFromImage, roleFromPath, workloadRole } from './roles';
import { withFields } from '../../withFields';

/** Who builds (and so ships) a Dockerfile, and with which stage. */
export interface ImageConsumer {
  /** A compose service that builds it, a `docker build` (script, CI step, skaffold), a workload or Helm chart that runs the image built. */
  via: 'compose' | 'build' | 'workload' | 'chart';
  place: Place;
  /** The stage shipped: the build target, or the last stage when none is named. */
  stage?: DockerfileStageDigest;
  /** For compose: the service, its definitions and its role. */
  service?: { name: string; definitions: ServiceDefinition[]; role: RoleVerdict };
  /** For a workload: it, and the image it runs. */
  workload?: PlacedWorkload & { image: string };
  /** For a Helm chart: its name, and the image its values deploy. */
  chart?: { name: string; image: string };
}

/** A Helm chart as its values file sees it: what its templates read, and the chart's values files. */
export interface HelmChartUse {
  chart: HelmChartDigest;
  /** Every `.Values` path the chart's templates read, and those they write out whole (`toYaml .Values.resources`). */
  references: ReadonlySet<string>;
  wholeBlocks: ReadonlySet<string>;
  /** The chart's own templates (not its subcharts'). */
  templates: readonly HelmTemplateDigest[];
  /** A template writes a probe handler itself (then probe values may only tune its probes). */
  writesProbeHandler: boolean;
  /** The chart's values files (`values.yaml`, `values-prod.yaml`…), by path. */
  valuesFiles: ReadonlyMap<string, HelmValuesDigest>;
}

/** A compose service as Compose runs it in one project. */
export interface ProjectService {
  project: ComposeProject;
  definitions: ServiceDefinition[];
}

/** A workload with the file it is written in. */
export interface PlacedWorkload {
  path: string;
  workload: WorkloadDigest;
}

export interface DeploymentModelOptions {
  /** The repository root (GitOps paths and CI scripts are relative to it). */
  repositoryRoot?: string;
  /**
   * Folders of the services (each `.stage.yml`'s): a file's folder names say
   * what it is for (tests/, .devcontainer/) only below the service it belongs
   * to, never above it (a whole service kept under `test/fixtures/` is not a test).
   */
  serviceRoots?: readonly string[];
}

/**
 * The workspace as it is deployed, linked from every file's digest: compose
 * projects, who builds each Dockerfile, kustomizations, objects that target
 * workloads, and the role of each unit. Built once per scan (and again when
 * a file changes in the editor); answers the judge's questions.
 */
export class DeploymentModel {
  private readonly compose = new Map<string, ComposeDigest>();
  private readonly dockerfiles = new Map<string, DockerfileDigest>();
  private readonly manifests: ManifestDigest[] = [];
  private projects: ComposeProject[] = [];
  private readonly projectsByFile = new Map<string, ComposeProject[]>();
  private readonly consumers = new Map<string, ImageConsumer[]>();
  /** Helm charts by their folder. */
  private readonly charts = new Map<string, HelmChartDigest>();
  /** Helm values files and templates, read with their chart (helmChart). */
  private helmValues: HelmValuesDigest[] = [];
  private readonly helmTemplates: HelmTemplateDigest[] = [];
  /** Compose files `docker stack deploy` reads, with the command that does. */
  private readonly stackFiles = new Map<string, Place>();
  private kustomize!: KustomizeLinks;
  private readonly targets: Array<{ path: string; target: WorkloadTargetDigest }> = [];
  /** Files and folders a `kubectl apply -n <namespace> -f …` applies (in a script, CI step or README). */
  private readonly namespacedApplies: Array<{ target: string; namespace: string; place: Place }> = [];
  /** Image names skaffold builds (`build.artifacts[].image`), with the artifact's place. */
  private readonly skaffoldArtifacts = new Map<string, Place>();
  /** Paths of the workspace's `.dockerignore` files (and `<Dockerfile>.dockerignore`). */
  private readonly dockerignores = new Set<string>();
  /** A stable summary of the input, for cache keys (the editor's): made on first use, never by a scan that does not ask. */
  get signature(): string {
    if (this.signatureText === undefined) for (const _step of this.signatureSteps());
    return this.signatureText!;
  }

  /** Makes the signature one digest per step (buildDeploymentModel pauses between them: thousands of digests are written out). */
  *signatureSteps(): Generator<void, void, undefined> {
    if (this.signatureText !== undefined) return;
    // Two independent 32-bit hashes of each digest's text (textHashes), each summed over the digests: the editor
    // keeps a model, and the Stage view's assessment judged by it, while the signature stays the same, so a change must
    // not pass for none (two changes would have to cancel out in both sums at once). Sums, so the digests' order does
    // not count and no sort of thousands of paths is made per rescan.
    // Each digest's text is hashed once (a rescan's model is made mostly of the last one's digests: on the 100,000-file
    // bench tree, writing every digest out again took 90 ms of a 450 ms rescan).
    let polynomials = 0;
    let fnvs = 0;
    for (const digest of this.digests) {
      let hashes = DIGEST_HASHES.get(digest);
      if (!hashes) {
        DIGEST_HASHES.set(digest, (hashes = textHashes(JSON.stringify(digest))));
        yield;
      }
      polynomials = (polynomials + hashes[0]) | 0;
      fnvs = (fnvs + hashes[1]) | 0;
    }
    this.signatureText = `${this.digests.length}:${(polynomials >>> 0).toString(36)}:${(fnvs >>> 0).toString(36)}`;
  }

  private signatureText: string | undefined;
  /** The workspace has a dependency manifest: code of its own, which CI can test. */
  get hasCode(): boolean {
    return this.code;
  }

  private code = false;
  private readonly roots: string[];

  /**
   * `build`: the caller runs the construction's steps itself (buildDeploymentModel.ts, which gives the event loop a
   * turn between them: the editor's extension host); without it, the model is built here at once (the CLI).
   */
  constructor(
    /** What the model is made of (a later model is compared with it: judgementReuse.ts). */
    readonly digests: readonly FileDigest[],
    options: DeploymentModelOptions = {},
    build?: { steps?: Iterator<void> },
  ) {
    this.roots = [...(options.serviceRoots ?? []), ...(options.repositoryRoot ? [options.repositoryRoot] : [])].sort(
      (a, b) => b.length - a.length,
    );
    // Innermost first, as `roots` lists them: a folder written with a trailing slash is found by its path without it.
    for (const root of this.roots) {
      const folder = withoutTrailingSlash(root);
      if (!this.rootsByFolder.has(folder)) this.rootsByFolder.set(folder, root);
    }
    const steps = this.buildSteps(options);
    if (build) build.steps = steps;
    else while (!steps.next().done);
  }

  /** The construction, one step per `yield`: small pieces of work, so a caller may pause between them. */
  private *buildSteps(options: DeploymentModelOptions): Generator<void, void, undefined> {
    const digests = this.digests;
    const commands: CommandsDigest[] = [];
    const kustomizations: KustomizationDigest[] = [];
    const gitops: GitOpsDigest[] = [];
    const helmValues: HelmValuesDigest[] = [];
    const dotenvs = new Map<string, Extract<FileDigest, { type: 'dotenv' }>['variables']>();
    for (let index = 0; index < digests.length; index++) {
      const digest = digests[index];
      if (digest.type === 'dotenv') dotenvs.set(posixDirname(digest.path), digest.variables);
      // Tens of thousands of digests on a large workspace: a pause every few hundred.
      if ((index & 511) === 511) yield;
    }
    for (let index = 0; index < digests.length; index++) {
      const digest = digests[index];
      if ((index & 511) === 511) yield;
      if (digest.type === 'dotenv') continue;
      if (digest.type === 'compose') this.compose.set(digest.path, withDotenv(digest, dotenvs.get(posixDirname(digest.path))));
      else if (digest.type === 'dockerfile') this.dockerfiles.set(digest.path, digest);
      else if (digest.type === 'kubernetes') this.manifests.push(digest);
      else if (digest.type === 'commands') commands.push(digest);
      else if (digest.type === 'kustomization') kustomizations.push(digest);
      else if (digest.type === 'code') this.code = true;
      else if (digest.type === 'dockerignore') this.dockerignores.add(digest.path);
      else if (digest.type === 'helm-chart') this.charts.set(posixDirname(digest.path), digest);
      else if (digest.type === 'helm-values') helmValues.push(digest);
      else if (digest.type === 'helm-template') this.helmTemplates.push(digest);
      else gitops.push(digest);
    }
    yield;
    const chains: Array<{ files: string[]; reason: string }> = [];
    for (const digest of commands) {
      for (const chain of digest.composeChains)
        chains.push({
          files: resolveChainFiles(digest, chain.files, (path) => this.compose.has(path), options.repositoryRoot),
          reason: `${chainText(chain.files)} in ${posixBasename(digest.path)}:${chain.line + 1}`,
        });
      for (const chain of digest.stackChains ?? [])
        for (const file of resolveChainFiles(digest, chain.files, (path) => this.compose.has(path), options.repositoryRoot))
          this.stackFiles.set(file, { path: digest.path, line: chain.line });
      yield;
    }
    const known = new Set<string>();
    for (let index = 0; index < digests.length; index++) {
      known.add(digests[index].path);
      if ((index & 1023) === 1023) yield;
    }
    // A path some digest has, or a folder above one (made only when a script applies files with a namespace).
    let folders: Set<string> | undefined;
    const exists = (target: string) => {
      if (!folders) {
        folders = new Set();
        for (const path of known) for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) folders.add(path.slice(0, at));
      }
      return known.has(target) || folders.has(target);
    };
    for (const digest of commands)
      for (const applied of digest.namespacedApplies ?? []) {
        const place = { path: digest.path, line: applied.line };
        for (const file of applied.files) {
          // Beside the script (or the repository, for CI files); else from the repository root, as compose chains are.
          const beside = posixResolve(digest.runsIn ?? scriptFolder(digest.path), file);
          const fromRoot = options.repositoryRoot ? posixResolve(options.repositoryRoot, file) : undefined;
          const target = exists(beside) || !fromRoot || !exists(fromRoot) ? beside : fromRoot;
          this.namespacedApplies.push({ target, namespace: applied.namespace, place });
        }
      }
    this.projects = composeProjects(this.compose, chains);
    yield;
    for (const project of this.projects) {
      for (const file of project.files) {
        const list = this.projectsByFile.get(file) ?? [];
        list.push(project);
        this.projectsByFile.set(file, list);
      }
      yield;
    }
    const linking: { steps?: Iterator<void> } = {};
    this.kustomize = new KustomizeLinks(kustomizations, gitops, (path) => known.has(path), options.repositoryRoot, linking);
    yield* { [Symbol.iterator]: () => linking.steps! };
    for (const manifest of this.manifests) for (const target of manifest.targets) this.targets.push({ path: manifest.path, target });
    yield* this.linkBuilds(commands, helmValues);
    this.helmValues = helmValues;
  }

  // ---- helm ----

  /** The chart whose folder holds `valuesPath`, with what its templates read; undefined without a Chart.yaml beside it. */
  helmChart(valuesPath: string): HelmChartUse | undefined {
    const folder = posixDirname(valuesPath);
    const chart = this.charts.get(folder);
    if (!chart) return undefined;
    const references = new Set<string>();
    const wholeBlocks = new Set<string>();
    const templates: HelmTemplateDigest[] = [];
    let writesProbeHandler = false;
    // The chart's own templates, not a subchart's (`charts/db/templates/`, a chart of its own with its own values).
    for (const template of this.helmTemplatesBelow(folder)) {
      for (const value of template.references) references.add(value);
      for (const value of template.wholeBlocks) wholeBlocks.add(value);
      templates.push(template);
      writesProbeHandler ||= template.writesProbeHandler === true;
    }
    const valuesFiles = new Map(this.helmValuesIn(folder).map((values) => [values.path, values]));
    return { chart, references, wholeBlocks, templates, writesProbeHandler, valuesFiles };
  }

  /**
   * The templates whose paths start `<folder>/templates/`, in workspace order: indexed once by the folder before each
   * `/templates/` of their paths, so a workspace of thousands of charts does not look at every template per values file.
   */
  private helmTemplatesBelow(folder: string): readonly HelmTemplateDigest[] {
    if (!this.templatesByChart) {
      this.templatesByChart = new Map();
      for (const template of this.helmTemplates) {
        const path = template.path;
        for (let at = path.indexOf('/templates/'); at >= 0; at = path.indexOf('/templates/', at + 1)) {
          const chart = path.slice(0, at);
          const list = this.templatesByChart.get(chart);
          if (list) list.push(template);
          else this.templatesByChart.set(chart, [template]);
        }
      }
    }
    return this.templatesByChart.get(folder) ?? [];
  }

  private templatesByChart: Map<string, HelmTemplateDigest[]> | undefined;

  /** The Helm values files in `folder`, in workspace order (indexed once). */
  private helmValuesIn(folder: string): readonly HelmValuesDigest[] {
    if (!this.valuesByFolder) {
      this.valuesByFolder = new Map();
      for (const values of this.helmValues) {
        const at = posixDirname(values.path);
        const list = this.valuesByFolder.get(at);
        if (list) list.push(values);
        else this.valuesByFolder.set(at, [values]);
      }
    }
    return this.valuesByFolder.get(folder) ?? [];
  }

  private valuesByFolder: Map<string, HelmValuesDigest[]> | undefined;

  // ---- compose ----

  /** The service as each project that loads `path` runs it (only projects where the service is defined in `path`). */
  composeService(path: string, service: string): ProjectService[] {
    return (this.projectsByFile.get(path) ?? []).map((project) => ({
      project,
      definitions: definitionsIn(project, service, this.compose),
    }));
  }

  /** The service's role: from its definitions in the first project, and the image it builds. */
  composeRole(path: string, service: string): RoleVerdict {
    const [first] = this.composeService(path, service);
    const definitions = first?.definitions ?? [];
    const build = [...definitions].reverse().find((definition) => definition.digest.build)?.digest.build;
    const built = build
      ? this.dockerfileRoleByPath(posixResolve(posixResolve(posixDirname(path), build.context), build.dockerfile))
      : undefined;
    const backing = first ? this.backingStoresForHost(first.project) : undefined;
    if (backing) return backing;
    const awaitedBy = first?.project.files
      .flatMap((file) => this.compose.get(file)?.services ?? [])
      .find((other) => other.awaitsCompletionOf?.includes(service))?.name;
    return composeServiceRole(this.relativeDefinitions(definitions), built, awaitedBy);
  }

  /**
   * The copies of a Dockerfile that draw the same finding at the same line (`key`: `findingKey|line`): the
   * Dockerfiles whose paths differ only in version folders (`32/apache/Dockerfile`, `33/apache/Dockerfile`,
   * as official-image repositories generate them from one template), none of them built by anything the
   * workspace shows (so each is judged from its own text and role alike). The first by path is where the
   * finding is reported. Empty when the file has no such copy.
   */
  dockerfileCopiesWithFinding(path: string, key: string): string[] {
    const identity = versionlessPath(path);
    if (identity === undefined || this.imageConsumers(path).length > 0) return [];
    // Asked for every image finding of every Dockerfile: the workspace's Dockerfiles are gone through once per
    // versionless path and finding.
    const cacheKey = `${identity}\u0001${key}`;
    let copies = this.dockerfileCopies.get(cacheKey);
    if (!copies) {
      copies = [...this.dockerfiles]
        .filter(([copy, digest]) => versionlessPath(copy) === identity && (digest.findings ?? []).includes(key))
        .map(([copy]) => copy)
        .filter((copy) => this.imageConsumers(copy).length === 0)
        .sort();
      this.dockerfileCopies.set(cacheKey, copies);
    }
    // A fresh array: callers may keep or change theirs.
    return copies.length > 1 && copies.includes(path) ? [...copies] : [];
  }

  private readonly dockerfileCopies = new Map<string, string[]>();

  /**
   * The copies of a compose service that draw the same finding (`findingKey`): a service of the same name
   * running the same image (or building from a folder and Dockerfile of the same names) in other compose
   * files that are not loaded with this one — the database variants of a self-hosting stack
   * (`docker-compose.postgres.yml`, `docker-compose.mariadb.yml`), example folders copied from one another.
   * Only files used alone, outside development and test files, count. The first is where the finding is
   * reported: the shallowest path, then a file Compose reads by default (`compose.yaml`,
   * `docker-compose.yml`), then the first by name. Empty when the service has no copy with the finding.
   */
  composeCopiesWithFinding(path: string, service: string, key: string): Place[] {
    const own = this.compose.get(path)?.services.find((each) => each.name === service);
    // Only files used alone: in a file merged with others the finding may be answered by the merge, and a
    // copy silenced for a finding its first copy does not keep would be lost.
    const alone = (file: string) => (this.projectsByFile.get(file) ?? []).every((project) => project.files.length === 1);
    if (!own || !alone(path)) return [];
    const identity = composeServiceIdentity(own);
    // A Swarm stack file and a compose file are deployed (and fixed) differently: `deploy.resources`, not `mem_limit`.
    const swarm = this.swarmDeployment(path) !== undefined;
    // Asked for every finding of every compose service: the workspace's compose files are gone through once per
    // service identity and finding.
    const cacheKey = `${service}\u0001${identity}\u0001${key}\u0001${swarm}`;
    let copies = this.composeCopies.get(cacheKey);
    if (!copies) {
      copies = [];
      for (const [file, digest] of this.compose) {
        if (!alone(file) || this.composeFileRole(file) || (this.swarmDeployment(file) !== undefined) !== swarm) continue;
        const copy = digest.services.find((each) => each.name === service && composeServiceIdentity(each) === identity);
        if (copy && (copy.findings ?? []).includes(key)) copies.push({ path: file, line: copy.line });
      }
      // The shallowest first, and in a folder the file `docker compose up` reads by default before its variants.
      const rank = (place: Place) => [place.path.split('/').length, isDefaultComposeName(posixBasename(place.path)) ? 0 : 1] as const;
      copies.sort((a, b) => {
        const [ra, rb] = [rank(a), rank(b)];
        return ra[0] - rb[0] || ra[1] - rb[1] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
      });
      this.composeCopies.set(cacheKey, copies);
    }
    return copies.length < 2 ? [] : copies.map((copy) => ({ ...copy }));
  }

  private readonly composeCopies = new Map<string, Place[]>();

  /**
   * For a service that neither names an image nor builds one in any project that loads `path` (a fragment
   * that only adds labels or ports, as the reverse-proxy overlays of self-hosting stacks do): the nearest
   * other compose file that defines the service with an image or a build (in the fragment's folder, then in
   * the folders above it, then the shallowest). Compose refuses to run such a fragment alone, so it is used
   * with that file (`-f base.yml -f proxy/overlay.yml`, often written only in a README). Undefined when the
   * service runs as written, or nothing defines it.
   */
  composeFragmentBase(path: string, service: string): Place | undefined {
    const projects = this.composeService(path, service);
    const runnable = projects.some(({ definitions }) => definitions.some(({ digest }) => digest.image || digest.build));
    if (projects.length === 0 || runnable) return undefined;
    // The nearest first: the fragment's own folder, then the folders above it (the base a README's
    // `-f compose.yml -f proxy/overlay.yml` names), then the rest, shallowest first.
    const folder = posixDirname(path);
    const distance = (file: string) => {
      const other = posixDirname(file);
      if (other === folder) return 0;
      return folder.startsWith(`${other}/`) ? folder.split('/').length - other.split('/').length : Number.MAX_SAFE_INTEGER;
    };
    const others = [...this.compose.entries()]
      .filter(([file]) => file !== path)
      .sort(([a], [b]) => distance(a) - distance(b) || a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));
    for (const [file, other] of others) {
      const definition = other.services.find((each) => each.name === service && (each.image || each.build));
      if (definition) return { path: file, line: definition.line };
    }
    return undefined;
  }

  /**
   * A project that runs only databases, caches and brokers, builds nothing, and publishes their ports on
   * 127.0.0.1 alone: the backing services of an app that runs on the host itself (`docker compose up -d
   * postgres redis` before `yarn dev`), which is how a developer's machine is set up, not a deployment.
   */
  private backingStoresForHost(project: ComposeProject): RoleVerdict | undefined {
    const services = new Map<string, { image?: string; build: boolean; publishes: boolean; loopbackOnly: boolean }>();
    for (const file of project.files) {
      for (const service of this.compose.get(file)?.services ?? []) {
        const merged = services.get(service.name) ?? { build: false, publishes: false, loopbackOnly: true };
        if (service.image) merged.image = service.image;
        merged.build ||= service.build !== undefined;
        merged.publishes ||= service.publishesPorts;
        merged.loopbackOnly &&= !service.publishesPorts || service.loopbackOnly === true;
        services.set(service.name, merged);
      }
    }
    const all = [...services.values()];
    const stores = all.every((service) => !service.build && roleFromImage(service.image)?.role === 'stateful');
    const published = all.filter((service) => service.publishes);
    if (!stores || published.length === 0 || !published.every((service) => service.loopbackOnly)) return undefined;
    return {
      role: 'dev',
      reason: `its project runs only backing stores (${[...services.keys()].join(', ')}), published on loopback for an app run on the host: a development setup`,
    };
  }

  /**
   * The role a compose file's own name or folder gives what is written in it: `compose.override.yaml`,
   * `compose.debug.yaml` (dev), `compose.test.yaml` (test); undefined for other files.
   */
  composeFileRole(path: string): RoleVerdict | undefined {
    const verdict = roleFromPath(this.withinService(path));
    return verdict && (verdict.role === 'dev' || verdict.role === 'test') ? verdict : undefined;
  }

  /** The path below its service (for roles read from folder names); the service is found once per path (serviceRootOf). */
  private withinService(path: string): string {
    let within = this.pathsWithinService.get(path);
    if (within === undefined) {
      const root = this.serviceRootOf(path);
      within = root === undefined ? path : `/${posixRelative(root, path)}`;
      this.pathsWithinService.set(path, within);
    }
    return within;
  }

  /** withinService's answers: every compose service's definitions and every workload ask it, copies alike. */
  private readonly pathsWithinService = new Map<string, string>();

  private relativeDefinitions(definitions: readonly ServiceDefinition[]): ServiceDefinition[] {
    return definitions.map((definition) => ({ ...definition, path: this.withinService(definition.path) }));
  }

  /**
   * Where a compose file is deployed to Swarm: a `docker stack deploy -c` of it in a script, or its own
   * name (`docker-stack.yml`, `stack.yml`, `stack.prod.yml`: a word "stack" in it). Swarm's loader reads the
   * file's `version:` (older Docker requires it).
   */
  swarmDeployment(path: string): Place | undefined {
    const name = posixBasename(path);
    return (
      this.stackFiles.get(path) ?? (name.startsWith('docker-stack') || nameWords(name).includes('stack') ? { path, line: 0 } : undefined)
    );
  }

  // ---- Dockerfiles ----

  /** Who builds the Dockerfile at `path`, with the stage each ships. */
  imageConsumers(path: string): ImageConsumer[] {
    return this.consumers.get(path) ?? [];
  }

  dockerfile(path: string): DockerfileDigest | undefined {
    return this.dockerfiles.get(path);
  }

  /**
   * A Dockerfile's role: its own name or folder (Dockerfile.test), its base
   * image (FROM postgres), else the roles of the compose services that build
   * it when all of them agree it is not a service.
   */
  dockerfileRole(path: string): RoleVerdict {
    const own = this.dockerfileRoleByPath(path);
    if (own) return own;
    // The units that run it: compose services that build it, workloads that run the image it builds.
    const runners = this.imageConsumers(path).flatMap((consumer) => {
      if (consumer.service) return [{ name: `compose service "${consumer.service.name}"`, role: consumer.service.role }];
      if (consumer.workload) {
        const { workload } = consumer.workload;
        return [{ name: `${workload.kind} "${workload.name ?? '?'}"`, role: this.workloadRole(consumer.workload.path, workload) }];
      }
      return [];
    });
    if (runners.length > 0) {
      const roles = runners.map((runner) => runner.role);
      if (roles.every((verdict) => verdict.role === roles[0].role) && roles[0].role !== 'service')
        return { role: roles[0].role, reason: `it runs only as ${runners[0].name}, and ${roles[0].reason}` };
    }
    return { role: 'service', reason: 'nothing says it is a database, a test, a one-shot task or for development only' };
  }

  /**
   * The `.dockerignore` a build of the Dockerfile at `path` may read: its own `<name>.dockerignore`, or a
   * `.dockerignore` in the build context of a compose service that builds it, in its folder or in any folder
   * above (a context is almost always one of these, and `docker build -f` contexts are not always known).
   */
  dockerignoreFor(path: string): string | undefined {
    const own = `${path}.dockerignore`;
    if (this.dockerignores.has(own)) return own;
    const contexts = this.imageConsumers(path).flatMap((consumer) =>
      (consumer.service?.definitions ?? []).flatMap((definition) =>
        definition.digest.build ? [posixResolve(posixDirname(definition.path), definition.digest.build.context)] : [],
      ),
    );
    for (const context of contexts) {
      const file = posixResolve(context, '.dockerignore');
      if (this.dockerignores.has(file)) return file;
    }
    for (let folder = posixDirname(path); ; folder = posixDirname(folder)) {
      const file = posixResolve(folder, '.dockerignore');
      if (this.dockerignores.has(file)) return file;
      if (posixDirname(folder) === folder) return undefined;
    }
  }

  private dockerfileRoleByPath(path: string): RoleVerdict | undefined {
    const byPath = roleFromPath(this.withinService(path));
    if (byPath) return byPath;
    const stages = this.dockerfiles.get(path)?.stages ?? [];
    if (stages[stages.length - 1]?.exportsOnly)
      return { role: 'tooling', reason: 'its last stage is FROM scratch with no CMD or ENTRYPOINT: it only exports build output' };
    const base = stages[stages.length - 1]?.baseImage;
    const byImage = roleFromImage(base);
    return byImage ? { role: byImage.role, reason: `it builds on ${byImage.reason}` } : undefined;
  }

  private *linkBuilds(commands: readonly CommandsDigest[], helmValues: readonly HelmValuesDigest[]): Generator<void, void, undefined> {
    for (const [path, digest] of this.compose) {
      for (const service of digest.services) {
        if (!service.build) continue;
        const context = posixResolve(posixDirname(path), service.build.context);
        const dockerfile = posixResolve(context, service.build.dockerfile);
        const definitions = this.composeService(path, service.name)[0]?.definitions ?? [{ path, digest: service }];
        this.addConsumer(dockerfile, {
          via: 'compose',
          place: { path, line: service.line },
          stage: this.stageOf(dockerfile, service.build.target),
          service: { name: service.name, definitions, role: composeServiceRole(this.relativeDefinitions(definitions)) },
        });
      }
      yield;
    }
    // Image names built from each Dockerfile: a workload that runs one runs what that Dockerfile builds.
    const builtImages: Array<{ repository: string; dockerfile: string; target?: string }> = [];
    for (const digest of commands) {
      const skaffold = isSkaffoldPath(digest.path);
      for (const build of digest.imageBuilds) {
        // skaffold replaces the artifact's name in the manifests it deploys with the image it built, tag and all.
        if (skaffold) for (const tag of build.tags) this.skaffoldArtifacts.set(tag, { path: digest.path, line: build.line });
        if (!build.dockerfile) continue;
        const dockerfile = posixResolve(digest.runsIn ?? scriptFolder(digest.path), build.dockerfile);
        this.addConsumer(dockerfile, {
          via: 'build',
          place: { path: digest.path, line: build.line },
          stage: this.stageOf(dockerfile, build.target),
        });
        for (const tag of build.tags)
          builtImages.push({ repository: imageRepository(tag), dockerfile, ...(build.target ? { target: build.target } : {}) });
      }
      yield;
    }
    for (const [path, digest] of this.compose) {
      for (const service of digest.services) {
        if (!service.build || !service.image || service.image.includes('${')) continue;
        const dockerfile = posixResolve(posixResolve(posixDirname(path), service.build.context), service.build.dockerfile);
        builtImages.push({
          repository: imageRepository(service.image),
          dockerfile,
          ...(service.build.target ? { target: service.build.target } : {}),
        });
      }
      yield;
    }
    // By last path segment: two names of one image (see sameImage) always share it, so each workload looks only at those.
    const builtByName = new Map<string, typeof builtImages>();
    for (const built of builtImages) {
      const name = lastSegment(built.repository);
      const list = builtByName.get(name) ?? [];
      list.push(built);
      builtByName.set(name, list);
      yield;
    }
    const builtFor = (image: string) => {
      const repository = imageRepository(image);
      return builtByName.get(lastSegment(repository))?.find((each) => sameImage(each.repository, repository));
    };
    for (const placed of this.workloads()) {
      for (const image of placed.workload.images) {
        const built = builtFor(image);
        if (!built || this.imageConsumers(built.dockerfile).some((consumer) => consumer.workload?.workload === placed.workload)) continue;
        this.addConsumer(built.dockerfile, {
          via: 'workload',
          place: { path: placed.path, line: placed.workload.line },
          stage: this.stageOf(built.dockerfile, built.target),
          workload: withFields(placed, { image }),
        });
      }
      yield;
    }
    // A Helm chart's values name the images its (unparsed) templates deploy.
    for (const values of helmValues) {
      const chart = this.charts.get(posixDirname(values.path));
      if (!chart) continue;
      for (const { image, line } of values.images) {
        const built = builtFor(image);
        if (!built) continue;
        this.addConsumer(built.dockerfile, {
          via: 'chart',
          place: { path: values.path, line },
          stage: this.stageOf(built.dockerfile, built.target),
          chart: { name: chart.name ?? posixBasename(posixDirname(chart.path)), image },
        });
      }
      yield;
    }
  }

  private addConsumer(dockerfile: string, consumer: ImageConsumer): void {
    const list = this.consumers.get(dockerfile) ?? [];
    list.push(consumer);
    this.consumers.set(dockerfile, list);
  }

  /** The stage a build ships: the named target, else the last stage. */
  private stageOf(dockerfile: string, target: string | undefined): DockerfileStageDigest | undefined {
    const stages = this.dockerfiles.get(dockerfile)?.stages ?? [];
    if (target === undefined) return stages[stages.length - 1];
    return stages.find((stage) => stage.name === target.toLowerCase());
  }

  // ---- Kubernetes ----

  /** The kustomization that uses `path` as a patch: then the file is partial and never judged alone. */
  patchedBy(path: string): Place | undefined {
    return this.kustomize.patchedBy(path);
  }

  /**
   * The skaffold artifact an image reference names (`image: contacts` in a manifest skaffold deploys, where
   * skaffold writes the image it built, tagged by its tagPolicy): written exactly as the artifact's `image`.
   */
  skaffoldArtifact(image: string): Place | undefined {
    return this.skaffoldArtifacts.get(image);
  }

  /**
   * An app-of-apps chart's template that writes Argo CD Applications with a destination namespace, for a
   * manifest outside that chart: the repository is deployed through those Applications (their paths are
   * templated, so which folder each deploys is not known, but every one gets a namespace). Only a chart of the
   * manifest's own service (or one enclosing it) counts: another service of a monorepo deploys its own.
   */
  gitopsNamespaceTemplate(path: string): Place | undefined {
    this.gitopsTemplates ??= this.helmTemplates.filter((template) => template.gitopsNamespace);
    for (const template of this.gitopsTemplates) {
      const chartFolder = posixDirname(posixDirname(template.path));
      if (!this.charts.has(chartFolder) || path.startsWith(`${chartFolder}/`) || !this.sharesService(template.path, path)) continue;
      return { path: template.path, line: 0 };
    }
    return undefined;
  }

  /** The Helm templates that write Argo CD Applications with a destination namespace (rare: found once). */
  private gitopsTemplates: HelmTemplateDigest[] | undefined;

  /** A `kubectl apply -n <namespace>` that applies the file, or the folder (or kustomization folder) it lies in. */
  kubectlNamespaceFor(path: string): { namespace: string; place: Place } | undefined {
    // Asked for every finding of every copy of a workload, against every other copy: indexed by target once, answered once per path.
    if (this.kubectlNamespaces.has(path)) return this.kubectlNamespaces.get(path);
    this.appliesByTarget ??= indexFirstByPath(this.namespacedApplies, (applied) => applied.target);
    const first = firstAtOrAbove(this.appliesByTarget, path);
    const found = first === undefined ? undefined : this.namespacedApplies[first];
    const answer = found && { namespace: found.namespace, place: found.place };
    this.kubectlNamespaces.set(path, answer);
    return answer;
  }

  /** The first `kubectl apply -n` (its position in namespacedApplies) of each target file or folder. */
  private appliesByTarget: Map<string, number> | undefined;
  /** kubectlNamespaceFor's answer per path asked. */
  private readonly kubectlNamespaces = new Map<string, { namespace: string; place: Place } | undefined>();

  get kustomizations(): KustomizeLinks {
    return this.kustomize;
  }

  /** The workload of a file with this kind, name and namespace (as written), if any. */
  workloadIn(path: string, kind: string, name: string | undefined, namespace: string | undefined): WorkloadDigest | undefined {
    return this.workloadsByPath()
      .get(path)
      ?.find((workload) => workload.kind === kind && workload.name === name && workload.namespace === namespace);
  }

  /** The namespace a workload runs in: as written, else set by a kustomization or GitOps object. */
  namespaceOf(path: string, workload: WorkloadDigest): string | undefined {
    return workload.namespace ?? this.appliedNamespace(path);
  }

  /** The namespace a kustomization or GitOps object sets for the file (the same for every object in it): found once per file. */
  private appliedNamespace(path: string): string | undefined {
    if (this.appliedNamespaces.has(path)) return this.appliedNamespaces.get(path);
    const applied = this.kustomize.namespaceOf(path)?.value;
    this.appliedNamespaces.set(path, applied);
    return applied;
  }

  /** Objects anywhere in the workspace that target the workload: autoscalers by name, budgets, policies and Services by pod labels. */
  targetsOf(path: string, workload: WorkloadDigest): Array<{ path: string; target: WorkloadTargetDigest }> {
    // Asked for every finding of the workload (roles, autoscalers, budgets, policies): found once.
    let found = this.targetsFound.get(workload);
    if (!found || found.path !== path) {
      found = { path, targets: this.findTargets(path, workload) };
      this.targetsFound.set(workload, found);
    }
    return found.targets;
  }

  private readonly targetsFound = new WeakMap<
    WorkloadDigest,
    { path: string; targets: Array<{ path: string; target: WorkloadTargetDigest }> }
  >();
  /** Per file: the namespace a kustomization or GitOps object sets (appliedNamespace). */
  private readonly appliedNamespaces = new Map<string, string | undefined>();

  private findTargets(path: string, workload: WorkloadDigest): Array<{ path: string; target: WorkloadTargetDigest }> {
    const namespace = this.namespaceOf(path, workload);
    return this.targetCandidates(workload).filter(({ path: targetPath, target }) => {
      const targetNamespace = target.namespace ?? this.appliedNamespace(targetPath);
      if (namespace !== undefined && targetNamespace !== undefined && namespace !== targetNamespace) return false;
      if (target.targetRef) return target.targetRef.kind === workload.kind && target.targetRef.name === workload.name;
      if (!target.selector) return false;
      if (target.selectorHasExpressions) return true;
      return Object.entries(target.selector).every(([key, value]) => workload.podLabels[key] === value);
    });
  }

  /**
   * What the workspace says about the workload's ServiceAccount: a binding that grants it a role (its pods
   * call the API), or the ServiceAccount turning its token off. Namespaces match as for targets (unwritten matches any).
   */
  serviceAccountFact(path: string, workload: WorkloadDigest): { path: string; account: ServiceAccountDigest } | undefined {
    if (!workload.serviceAccount) return undefined;
    const namespace = this.namespaceOf(path, workload);
    for (const found of this.serviceAccountsNamed(workload.serviceAccount)) {
      const accountNamespace = found.account.namespace ?? this.kustomize.namespaceOf(found.path)?.value;
      if (namespace !== undefined && accountNamespace !== undefined && namespace !== accountNamespace) continue;
      return found;
    }
    return undefined;
  }

  /** ServiceAccount facts by name, in workspace order: indexed on first use, so each finding does not walk every manifest. */
  private serviceAccountsNamed(name: string): ReadonlyArray<{ path: string; account: ServiceAccountDigest }> {
    if (!this.serviceAccountIndex) {
      this.serviceAccountIndex = new Map();
      for (const manifest of this.manifests)
        for (const account of manifest.serviceAccounts ?? []) {
          const list = this.serviceAccountIndex.get(account.name) ?? [];
          list.push({ path: manifest.path, account });
          this.serviceAccountIndex.set(account.name, list);
        }
    }
    return this.serviceAccountIndex.get(name) ?? [];
  }

  private serviceAccountIndex: Map<string, Array<{ path: string; account: ServiceAccountDigest }>> | undefined;

  /**
   * The targets that may target the workload, in workspace order: those naming its kind and name, those
   * selecting one of its pod labels (each indexed by one label of its selector), and those that select every pod.
   * A superset of the matches (the caller checks each), so a workspace of thousands of workloads and
   * targets never compares every pair.
   */
  private targetCandidates(workload: WorkloadDigest): Array<{ path: string; target: WorkloadTargetDigest }> {
    const index = (this.targetIndex ??= indexTargets(this.targets));
    const found = new Set<number>(index.everyPod);
    for (const at of index.byRef.get(`${workload.kind}\u0000${workload.name ?? ''}`) ?? []) found.add(at);
    for (const [key, value] of Object.entries(workload.podLabels))
      for (const at of index.byLabel.get(`${key}\u0000${value}`) ?? []) found.add(at);
    return [...found].sort((a, b) => a - b).map((at) => this.targets[at]);
  }

  private targetIndex: TargetIndex | undefined;

  /** The object of a file that targets workloads (a Service, an autoscaler, a budget…), by kind, name and namespace as written. */
  targetIn(path: string, kind: string, name: string | undefined, namespace: string | undefined): WorkloadTargetDigest | undefined {
    return this.targets.find(
      (each) => each.path === path && each.target.kind === kind && each.target.name === name && each.target.namespace === namespace,
    )?.target;
  }

  /** The workloads anywhere in the workspace that `target` (in the file at `path`) selects or names, namespaces matching as for targetsOf. */
  workloadsTargetedBy(path: string, target: WorkloadTargetDigest): PlacedWorkload[] {
    const namespace = target.namespace ?? this.appliedNamespace(path);
    return this.workloadCandidates(target).filter((placed) => {
      const workloadNamespace = placed.workload.namespace ?? this.appliedNamespace(placed.path);
      if (namespace !== undefined && workloadNamespace !== undefined && namespace !== workloadNamespace) return false;
      if (target.targetRef) return target.targetRef.kind === placed.workload.kind && target.targetRef.name === placed.workload.name;
      if (!target.selector || target.selectorHasExpressions) return true;
      return Object.entries(target.selector).every(([key, value]) => placed.workload.podLabels[key] === value);
    });
  }

  /**
   * The workloads `target` may select or name, in workspace order: those of its kind and name (`scaleTargetRef`),
   * those carrying the first label of its selector, or every one when its selector may select any pod. A superset
   * of the matches (the caller checks each): every Service of a large workspace is asked about, and comparing each
   * with every workload grew with the square of the workspace.
   */
  private workloadCandidates(target: WorkloadTargetDigest): PlacedWorkload[] {
    const index = (this.workloadIndex ??= indexWorkloads(this.workloads()));
    if (target.targetRef) return index.byRef.get(`${target.targetRef.kind}\u0000${target.targetRef.name ?? ''}`) ?? [];
    const first = target.selector && !target.selectorHasExpressions ? Object.entries(target.selector)[0] : undefined;
    return first ? (index.byLabel.get(`${first[0]}\u0000${first[1]}`) ?? []) : this.workloads();
  }

  private workloadIndex: WorkloadIndex | undefined;

  /** A place that makes pods we do not read, in the service of the file at `path` or one enclosing it: a Helm chart (templates unrendered), or an object of manifests' podSources. */
  unseenPodSource(path: string): { place: Place; what: string } | undefined {
    for (const chart of this.charts.values())
      if (this.sharesService(chart.path, path))
        return { place: { path: chart.path, line: 0 }, what: `Helm chart${chart.name ? ` "${chart.name}"` : ''}` };
    for (const manifest of this.manifests) {
      const [source] = manifest.podSources ?? [];
      if (source && this.sharesService(manifest.path, path))
        return { place: { path: manifest.path, line: source.line }, what: source.kind };
    }
    return undefined;
  }

  /**
   * Whether two files belong to the same service (the innermost `.stage.yml` folder around each): copies of a
   * workload, compose service, Dockerfile or ConfigMap in two services are two deployments, each reported in its
   * own service — as the CLI does when it checks one service, so the editor's workspace-wide model judges alike.
   */
  sameService(a: string, b: string): boolean {
    return this.serviceRootOf(a) === this.serviceRootOf(b);
  }

  private serviceRootOf(path: string): string | undefined {
    // One lookup per call: asked for every copy of every finding's workload.
    let root = this.serviceRoots.get(path);
    if (root === undefined) {
      root = this.innermostRoot(path) ?? OUTSIDE_EVERY_SERVICE;
      this.serviceRoots.set(path, root);
    }
    return root === OUTSIDE_EVERY_SERVICE ? undefined : root;
  }

  /**
   * The longest root that holds `path` (or is it). An absolute path's folders are looked up from the innermost out: a
   * few lookups, where trying every service of a large monorepo cost a string per service for each new path.
   */
  private innermostRoot(path: string): string | undefined {
    if (!path.startsWith('/')) return this.roots.find((candidate) => posixRelative(candidate, path) !== undefined);
    let folder = withoutTrailingSlash(path);
    for (;;) {
      const root = this.rootsByFolder.get(folder);
      if (root !== undefined || folder === '/') return root;
      folder = posixDirname(folder);
    }
  }

  /** The roots by their folder (written without a trailing slash); the first of two that name one folder. */
  private readonly rootsByFolder = new Map<string, string>();

  /** The innermost service folder (or the repository) of each file asked about: roles, copies and cross-file links ask it per finding. */
  private readonly serviceRoots = new Map<string, string>();

  /**
   * Whether what lies at `source` can deploy for the file at `path`: it belongs to the service that holds `path`
   * or to one enclosing it (the repository). Another service of a monorepo deploys its own pods — the editor
   * models the whole workspace at once, the CLI each service, and both must judge alike.
   */
  private sharesService(source: string, path: string): boolean {
    const root = this.serviceRootOf(source);
    return root === undefined || posixRelative(root, path) !== undefined;
  }

  /** Workloads deployed with the file at `path`: in its folder, or built by a kustomization that builds it. */
  workloadsBeside(path: string): PlacedWorkload[] {
    const folder = posixDirname(path);
    const together = new Set(this.kustomize.builtWith(path));
    return this.workloads().filter((placed) => posixDirname(placed.path) === folder || together.has(placed.path));
  }

  workloadRole(path: string, workload: WorkloadDigest): RoleVerdict {
    // Asked for every finding of the workload and of each of its copies: found once.
    const known = this.rolesFound.get(workload);
    if (known && known.path === path) return known.role;
    const role = this.findWorkloadRole(path, workload);
    this.rolesFound.set(workload, { path, role });
    return role;
  }

  private readonly rolesFound = new WeakMap<WorkloadDigest, { path: string; role: RoleVerdict }>();

  private findWorkloadRole(path: string, workload: WorkloadDigest): RoleVerdict {
    const service = this.targetsOf(path, workload).find(
      ({ target }) => target.kind === 'Service' && target.selector && Object.keys(target.selector).length > 0,
    );
    this.servicesKnown ??= this.targets.some(({ target }) => target.kind === 'Service');
    const servicesKnown = this.servicesKnown;
    return workloadRole(this.withinService(path), workload, service?.target.name ?? (service ? '' : undefined), servicesKnown);
  }

  /**
   * The copies of a workload that draw the same finding (`findingKey`): the same kind, name and namespace,
   * running the same images by name (a release bundle pins `registry/org/api:v1.2` where the dev manifest
   * says `api`), in several files. The first is where the finding is reported: a file some kustomization
   * builds (the base), else the shallowest path. Only the copies in the service of `path` (sameService): a copy
   * in another service is another deployment, reported there. Empty when `path` holds none of them. The array is
   * the model's: read it, never change it.
   */
  copiesWithFinding(path: string, workload: WorkloadDigest, key: string): readonly PlacedWorkload[] {
    const identity = workloadIdentity(workload);
    const group = this.workloadsByIdentity().get(identity) ?? [];
    // A workload without copies (most of them): nothing to rank, and nothing remembered (a ranking per finding of every
    // such workload was 6 MB of the scan worker's model on a tree of real repositories).
    if (group.length <= 1) {
      const [only] = group;
      return only !== undefined && only.path === path && (only.workload.findings ?? []).includes(key) ? group : [];
    }
    // Asked for every finding of every copy: found and ranked once per workload identity and finding.
    const cacheKey = `${identity}\u0001${key}`;
    let ranked = this.rankedCopies.get(cacheKey);
    if (!ranked) {
      const copies = group.filter((each) => (each.workload.findings ?? []).includes(key));
      const rank = (each: PlacedWorkload) => [this.kustomize.isBuilt(each.path) ? 0 : 1, each.path.split('/').length, each.path] as const;
      copies.sort((a, b) => {
        const [ra, rb] = [rank(a), rank(b)];
        return ra[0] - rb[0] || ra[1] - rb[1] || (ra[2] < rb[2] ? -1 : ra[2] > rb[2] ? 1 : 0);
      });
      ranked = { copies, paths: new Set(copies.map((each) => each.path)), byService: new Map() };
      this.rankedCopies.set(cacheKey, ranked);
    }
    if (!ranked.paths.has(path)) return [];
    const service = this.serviceRootOf(path) ?? OUTSIDE_EVERY_SERVICE;
    let inService = ranked.byService.get(service);
    if (!inService) {
      inService = ranked.copies.filter((each) => this.sameService(each.path, path));
      ranked.byService.set(service, inService);
    }
    return inService;
  }

  private readonly rankedCopies = new Map<
    string,
    { copies: PlacedWorkload[]; paths: Set<string>; byService: Map<string, readonly PlacedWorkload[]> }
  >();

  /**
   * The copies of a ConfigMap or Secret (same kind, name and namespace) that draw the same finding, where it
   * is reported first (as copiesWithFinding ranks workloads); empty when `path` holds none of them.
   */
  configCopiesWithFinding(path: string, kind: string, name: string | undefined, namespace: string | undefined, key: string): Place[] {
    // Asked for every finding of every ConfigMap and Secret: the manifests are gone through once per object and finding.
    const cacheKey = JSON.stringify([kind, name ?? null, namespace ?? null, key]);
    let copies = this.configCopies.get(cacheKey);
    if (!copies) {
      copies = [];
      for (const manifest of this.manifests)
        for (const config of manifest.configs ?? [])
          if (config.kind === kind && config.name === name && config.namespace === namespace && (config.findings ?? []).includes(key))
            copies.push({ path: manifest.path, line: config.line });
      const rank = (each: Place) => [this.kustomize.isBuilt(each.path) ? 0 : 1, each.path.split('/').length, each.path] as const;
      copies.sort((a, b) => {
        const [ra, rb] = [rank(a), rank(b)];
        return ra[0] - rb[0] || ra[1] - rb[1] || (ra[2] < rb[2] ? -1 : ra[2] > rb[2] ? 1 : 0);
      });
      this.configCopies.set(cacheKey, copies);
    }
    return copies.some((copy) => copy.path === path) ? copies.map((copy) => ({ ...copy })) : [];
  }

  private readonly configCopies = new Map<string, Place[]>();

  /** Every workload in the workspace (built once: the judge asks for every finding). */
  workloads(): PlacedWorkload[] {
    this.placed ??= this.manifests.flatMap((manifest) => manifest.workloads.map((workload) => ({ path: manifest.path, workload })));
    return this.placed;
  }

  private placed: PlacedWorkload[] | undefined;
  private servicesKnown: boolean | undefined;
  private byPath: Map<string, WorkloadDigest[]> | undefined;
  private byIdentity: Map<string, PlacedWorkload[]> | undefined;

  private workloadsByPath(): Map<string, WorkloadDigest[]> {
    if (!this.byPath) {
      this.byPath = new Map();
      for (const { path, workload } of this.workloads()) {
        const list = this.byPath.get(path) ?? [];
        list.push(workload);
        this.byPath.set(path, list);
      }
    }
    return this.byPath;
  }

  private workloadsByIdentity(): Map<string, PlacedWorkload[]> {
    if (!this.byIdentity) {
      this.byIdentity = new Map();
      for (const placed of this.workloads()) {
        const key = workloadIdentity(placed.workload);
        const list = this.byIdentity.get(key) ?? [];
        list.push(placed);
        this.byIdentity.set(key, list);
      }
    }
    return this.byIdentity;
  }

  /** A relative path for messages. */
  describePlace(place: Place, from?: string): string {
    const relative = from ? relativeFrom(posixDirname(from), place.path) : undefined;
    return `${relative ?? posixBasename(place.path)}:${place.line + 1}`;
  }
}

/**
 * Each digest's two text hashes (see signatureSteps), by the digest: a digest is a value, never changed once made (the
 * scan cache hands the same object to every model made while its file is unchanged).
 */
const DIGEST_HASHES = new WeakMap<FileDigest, readonly [number, number]>();

/** serviceRootOf's memo entry for a file in no service folder (a root is a path, never this). */
const OUTSIDE_EVERY_SERVICE = '\u0000outside every service';

/** The path with its version folders (`32`, `8.3`, `v2`) as `*`; undefined when it has none. */
function versionlessPath(path: string): string | undefined {
  const segments = path.split('/');
  const folders = segments.slice(0, -1).map((segment) => (isVersion(segment) ? '*' : segment));
  return folders.includes('*') ? [...folders, segments[segments.length - 1]].join('/') : undefined;
}

/** `32`, `8.3`, `v2`, `1.27.0`: digits in dot-separated groups, with an optional leading `v`. */
function isVersion(segment: string): boolean {
  const groups = (segment.startsWith('v') ? segment.slice(1) : segment).split('.');
  return groups.every((group) => group.length > 0 && [...group].every((character) => character >= '0' && character <= '9'));
}

/** What makes two compose services copies of one another: the name and the image (or the build's folder and Dockerfile names). */
function composeServiceIdentity(service: ComposeServiceDigest): string {
  const build = service.build ? `${posixBasename(service.build.context)}/${service.build.dockerfile}` : undefined;
  return JSON.stringify([service.name, service.image ?? null, build ?? null]);
}

/**
 * Two image repositories name the same image: equal, or one written short (`adservice`, as skaffold
 * and dev manifests do) and the other ending with it (`gcr.io/acme/adservice`).
 */
function sameImage(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.includes('/')) return b.endsWith(`/${a}`);
  if (!b.includes('/')) return a.endsWith(`/${b}`);
  return false;
}

interface TargetIndex {
  /** Positions in the targets list of those naming a kind and name (`scaleTargetRef`), by both. */
  byRef: Map<string, number[]>;
  /** Of those with a plain selector: by one of its labels (any pod they select carries it). */
  byLabel: Map<string, number[]>;
  /** Of those whose selector may select any pod (empty, or with expressions). */
  everyPod: number[];
}

function indexTargets(targets: ReadonlyArray<{ target: WorkloadTargetDigest }>): TargetIndex {
  const index: TargetIndex = { byRef: new Map(), byLabel: new Map(), everyPod: [] };
  const add = (map: Map<string, number[]>, key: string, at: number) => {
    const list = map.get(key) ?? [];
    list.push(at);
    map.set(key, list);
  };
  targets.forEach(({ target }, at) => {
    if (target.targetRef) add(index.byRef, `${target.targetRef.kind}\u0000${target.targetRef.name ?? ''}`, at);
    else if (!target.selector) return;
    else if (target.selectorHasExpressions) index.everyPod.push(at);
    else {
      const first = Object.entries(target.selector)[0];
      if (first) add(index.byLabel, `${first[0]}\u0000${first[1]}`, at);
      else index.everyPod.push(at);
    }
  });
  return index;
}

interface WorkloadIndex {
  /** Workloads by kind and name (what a `scaleTargetRef` names). */
  byRef: Map<string, PlacedWorkload[]>;
  /** Workloads by each of their pod labels (key and value). */
  byLabel: Map<string, PlacedWorkload[]>;
}

function indexWorkloads(workloads: readonly PlacedWorkload[]): WorkloadIndex {
  const index: WorkloadIndex = { byRef: new Map(), byLabel: new Map() };
  const add = (map: Map<string, PlacedWorkload[]>, key: string, placed: PlacedWorkload) => {
    const list = map.get(key) ?? [];
    list.push(placed);
    map.set(key, list);
  };
  for (const placed of workloads) {
    add(index.byRef, `${placed.workload.kind}\u0000${placed.workload.name ?? ''}`, placed);
    for (const [key, value] of Object.entries(placed.workload.podLabels)) add(index.byLabel, `${key}\u0000${value}`, placed);
  }
  return index;
}

function lastSegment(repository: string): string {
  return repository.slice(repository.lastIndexOf('/') + 1);
}

/** What makes two workloads copies of each other: kind, name, namespace as written, and image names. */
function workloadIdentity(workload: WorkloadDigest): string {
  return [workload.kind, workload.name ?? '', workload.namespace ?? '', imageNames(workload)].join('\u0000');
}

/** A workload's images by their last path segment, without registry or tag (`gcr.io/org/api:v1` → `api`), sorted. */
function imageNames(workload: WorkloadDigest): string {
  return workload.images
    .map((image) => imageRepository(image).split('/').pop() ?? '')
    .sort()
    .join('\n');
}

/** The folder a script's relative paths start from: the repository root for CI files, the file's folder otherwise. */
/**
 * Where a script's `-f` files are: beside the script (or the repository, for
 * CI files) — or, when they are not there but are at the repository root, there:
 * `scripts/deploy.sh` is usually run from the root (`./scripts/deploy.sh`).
 */
function resolveChainFiles(
  script: { path: string; runsIn?: string },
  files: readonly string[],
  isComposeFile: (path: string) => boolean,
  repositoryRoot: string | undefined,
): string[] {
  const besideScript = files.map((file) => posixResolve(script.runsIn ?? scriptFolder(script.path), file));
  if (!repositoryRoot || besideScript.every(isComposeFile)) return besideScript;
  const fromRoot = files.map((file) => posixResolve(repositoryRoot, file));
  return fromRoot.every(isComposeFile) ? fromRoot : besideScript;
}

export function scriptFolder(path: string): string {
  for (const marker of ['/.github/', '/.gitlab/']) {
    const at = path.indexOf(marker);
    if (at >= 0) return path.slice(0, at) || '/';
  }
  return posixDirname(path);
}

function chainText(files: readonly string[]): string {
  return `docker compose ${files.map((file) => `-f ${file}`).join(' ')}`;
}

/** `to` relative to the folder `from` (with `../` steps), for messages. */
function relativeFrom(from: string, to: string): string {
  const inside = posixRelative(from, to);
  if (inside !== undefined) return inside;
  const fromParts = from.split('/').filter(Boolean);
  const toParts = to.split('/').filter(Boolean);
  let common = 0;
  while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) common++;
  return [...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

/**
 * The compose file with its builds' `${VARIABLES}` substituted from the `.env` beside it, as Compose
 * reads them (`dockerfile: ${API_DOCKERFILE}`); a value with a variable neither set nor defaulted stays as written.
 */
function withDotenv(digest: ComposeDigest, variables: Readonly<Record<string, string>> | undefined): ComposeDigest {
  if (!variables) return digest;
  const resolve = (value: string) => (value.includes('$') ? (interpolate(value, variables) ?? value) : value);
  let changed = false;
  const services = digest.services.map((service) => {
    if (!service.build) return service;
    const build = { ...service.build, context: resolve(service.build.context), dockerfile: resolve(service.build.dockerfile) };
    if (service.build.target !== undefined) build.target = resolve(service.build.target);
    if (build.context === service.build.context && build.dockerfile === service.build.dockerfile && build.target === service.build.target)
      return service;
    changed = true;
    return { ...service, build };
  });
  return changed ? { ...digest, services } : digest;
}

function isSkaffoldPath(path: string): boolean {
  const name = posixBasename(path);
  return name === 'skaffold.yaml' || name === 'skaffold.yml';
}
