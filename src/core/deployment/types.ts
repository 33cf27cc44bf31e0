/**
 * The workspace model of what is deployed, and how: small digests of each
 * file (what a reviewer notes while reading it), linked across files into
 * compose projects, image builds, kustomizations and workload targets. Rules
 * stay file-local; the judge (./judge) reads this model to decide whether a
 * file-local finding holds for the deployment as it really runs.
 *
 * Everything here is plain data (no parse trees), so a scan can drop each
 * file's parse as soon as it is analysed and still link files afterwards.
 */

/** What a deployable unit is for: decides which rules apply to it. */
export type Role = 'service' | 'worker' | 'stateful' | 'one-shot' | 'test' | 'dev' | 'tooling';

export const ROLES: readonly Role[] = ['service', 'worker', 'stateful', 'one-shot', 'test', 'dev', 'tooling'];

/** A role and the reason it was assumed, in words a reviewer can check ("image postgres:16 is a database"). */
export interface RoleVerdict {
  role: Role;
  reason: string;
}

/** A place in the workspace: absolute POSIX path, zero-based line. */
export interface Place {
  path: string;
  line: number;
}

/** What a file-local finding is about, so the judge can find the same unit in other files. */
export type FindingSubject =
  | { type: 'compose-service'; service: string }
  | { type: 'workload'; kind: string; name?: string; namespace?: string }
  | { type: 'image' };

export interface ComposeBuild {
  /** Absolute POSIX folder. */
  context: string;
  /** Absolute POSIX path of the Dockerfile (`dockerfile:` relative to the context, `Dockerfile` by default). */
  dockerfile: string;
  target?: string;
}

export interface ComposeServiceDigest {
  name: string;
  line: number;
  image?: string;
  build?: ComposeBuild;
  /** Top-level keys the service sets, itself or through merge keys (`<<: *defaults`), with the line that sets each. */
  keys: Record<string, number>;
  restart?: string;
  /** `extends:` of the service: the file (absolute, this file when absent) and the service it extends. */
  extends?: { path: string; service: string };
  /** The service publishes ports (`ports:`). */
  publishesPorts: boolean;
  /** `user:` as written. */
  user?: string;
  /** Every port it publishes binds a loopback address (`127.0.0.1:5432:5432`). */
  loopbackOnly?: boolean;
  /** The services its `depends_on` waits for to complete (`condition: service_completed_successfully`). */
  awaitsCompletionOf?: string[];
  /** `ruleId|message` of each finding the file's rules report on this service (filled by `analyzeFile`), to recognise copies. */
  findings?: string[];
}

export interface ComposeDigest {
  type: 'compose';
  path: string;
  services: ComposeServiceDigest[];
  /** Absolute paths of the files `include:` loads into this project. */
  includes: string[];
}

export interface WorkloadDigest {
  kind: string;
  name?: string;
  namespace?: string;
  line: number;
  images: string[];
  podLabels: Record<string, string>;
  hasReadinessProbe: boolean;
  hasLivenessProbe: boolean;
  /** Images of the containers the securityContext keeps from running as root (`runAsNonRoot: true`, a non-zero `runAsUser`). */
  nonRootImages: string[];
  /** The pod's ServiceAccount when it names one other than `default`. */
  serviceAccount?: string;
  /** `ruleId|message` of each finding the file's rules report on this workload (filled by `analyzeFile`), to recognise copies. */
  findings?: string[];
}

/** An object that targets workloads: by name (HPA) or by pod labels (PDB, NetworkPolicy, Service). */
export interface WorkloadTargetDigest {
  kind: string;
  name?: string;
  namespace?: string;
  line: number;
  /** `scaleTargetRef` of an autoscaler. */
  targetRef?: { kind: string; name?: string };
  /** A HorizontalPodAutoscaler's `minReplicas` (1 when absent); undefined when it is not a literal count. */
  minReplicas?: number;
  /** Pod label selector (`matchLabels`, or a Service's `selector`); `{}` selects every pod of the namespace. */
  selector?: Record<string, string>;
  /** The selector has expressions we do not evaluate: it may match anything. */
  selectorHasExpressions?: boolean;
}

/**
 * What a file says about a ServiceAccount: a RoleBinding or ClusterRoleBinding grants it a role (its pods
 * call the API), or the ServiceAccount object turns the token off.
 */
export interface ServiceAccountDigest {
  name: string;
  namespace?: string;
  line: number;
  /** The kind and name of the binding that grants it a role. */
  boundBy?: string;
  tokenOff?: boolean;
}

export interface ManifestDigest {
  type: 'kubernetes';
  path: string;
  workloads: WorkloadDigest[];
  targets: WorkloadTargetDigest[];
  /** Present when the file binds a role to a ServiceAccount or turns one's token off. */
  serviceAccounts?: ServiceAccountDigest[];
  /**
   * Objects that make pods this workspace does not show as workloads: an operator's resource with a pod
   * template (an Argo Rollout, a Knative Service…), a Flux HelmRelease, an Argo CD Application of a Helm chart.
   * Present when there are some; a selector that matches nothing we see may match their pods.
   */
  podSources?: Array<{ kind: string; line: number }>;
  /** ConfigMaps and Secrets, with the findings on each (filled by `analyzeFile`), to recognise copies. Present when there are some. */
  configs?: ConfigObjectDigest[];
}

/** A ConfigMap or Secret of a manifest: copies of it (a kustomize base and a release bundle) draw the same findings. */
export interface ConfigObjectDigest {
  kind: string;
  name?: string;
  namespace?: string;
  line: number;
  /** `ruleId|message` of each finding on it (filled by `analyzeFile`). */
  findings?: string[];
}

export interface DockerfileStageDigest {
  name?: string;
  line: number;
  /** This stage or one it builds on declares HEALTHCHECK (NONE counts: a deliberate choice). */
  hasHealthcheck: boolean;
  /** The last USER of the stage's chain, as written. */
  user?: string;
  /** The stage's base image as written (`FROM x`), when it is not another stage. */
  baseImage?: string;
  /** Built FROM scratch with no CMD or ENTRYPOINT: it only carries files out of the build (`docker build --output`). */
  exportsOnly?: boolean;
}

export interface DockerfileDigest {
  type: 'dockerfile';
  path: string;
  stages: DockerfileStageDigest[];
  /** `ruleId|message|line` of each finding the file's rules report (filled by `analyzeFile`), to recognise copies. */
  findings?: string[];
}

/** A `docker build` (or build-push action) found in a script or CI step. */
export interface ImageBuildDigest {
  line: number;
  /** Absolute POSIX path of the Dockerfile built (the context's Dockerfile by default); undefined when not literal. */
  dockerfile?: string;
  target?: string;
  tags: string[];
}

/** A compose invocation with explicit files (`docker compose -f a.yml -f b.yml up`). */
export interface ComposeChainDigest {
  line: number;
  /** Absolute POSIX paths, in order. */
  files: string[];
}

/** A `kubectl apply -n <namespace> -f <file or folder>`: paths as written. */
export interface NamespacedApplyDigest {
  line: number;
  namespace: string;
  files: string[];
}

/** Commands found in CI steps, Makefiles, package.json scripts and shell scripts. */
export interface CommandsDigest {
  type: 'commands';
  path: string;
  composeChains: ComposeChainDigest[];
  /** Files `docker stack deploy -c a.yml -c b.yml` deploys to Swarm (optional: absent means none). */
  stackChains?: ComposeChainDigest[];
  imageBuilds: ImageBuildDigest[];
  /** `kubectl apply -n <namespace> -f <files>`: files applied into a namespace given on the command line (optional). */
  namespacedApplies?: NamespacedApplyDigest[];
  /**
   * The folder the commands run in, when the file does not say it by where it lies: a GitLab job runs in the
   * project folder (that of the `.gitlab-ci.yml` that includes its file), wherever the file is (`ci/build.yml`).
   */
  runsIn?: string;
}

export interface KustomizationDigest {
  type: 'kustomization';
  path: string;
  /** Absolute paths (files or folders) of `resources:`/`bases:`/`components:`. */
  resources: string[];
  /** Absolute paths of patch files (`patches: - path:`, `patchesStrategicMerge:`, `patchesJson6902: - path:`). */
  patches: string[];
  namespace?: string;
  /** `images:` entries that pin a tag or digest, by image name. */
  pinnedImages: string[];
  /** `replicas:` entries by workload name. */
  replicas: Record<string, number>;
  /**
   * What makes the objects it builds differ from their files, in a way selectors and names are not compared
   * through: `commonLabels`/`labels`, `namePrefix`/`nameSuffix`, remote resources, Helm charts it inflates.
   */
  rewrites?: string[];
  /**
   * The `components:` among `resources` (paths as written): a Component's `namespace:`, `images:`,
   * `replicas:` and rewrites apply to everything the kustomization that lists it builds.
   */
  components?: string[];
}

/** An Argo CD Application or Flux Kustomization: the folder it deploys and the namespace it deploys into. */
export interface GitOpsDigest {
  type: 'gitops';
  path: string;
  line: number;
  /** Repository-relative folder (`spec.source.path`, Flux `spec.path`), as written. */
  sourcePath: string;
  namespace?: string;
}

/** A dependency manifest (package.json, go.mod…): the workspace holds code of its own, which CI can test. */
export interface CodeDigest {
  type: 'code';
  path: string;
}

/** A Helm chart (`Chart.yaml`): its templates stay unparsed (they are not YAML until rendered). */
export interface HelmChartDigest {
  type: 'helm-chart';
  path: string;
  name?: string;
  /** `type: library`: a chart of helpers only, which deploys nothing of its own. */
  library?: boolean;
}

/** A chart's values file: the images it deploys (`image.repository` + `image.tag`, or `image: repo:tag`, at any depth). */
export interface HelmValuesDigest {
  type: 'helm-values';
  path: string;
  images: Array<{ image: string; line: number }>;
  /** The values the rules judge a chart by (resources, probes, replicaCount, autoscaler switches), wherever written. */
  settings?: HelmValueSetting[];
}

/**
 * One value of a chart's values file that a rule may judge, by its dotted path (`resources`, `server.resources`):
 * what it holds, and the range of its key.
 */
export interface HelmValueSetting {
  path: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  value: HelmValue;
}

/** What a judged value holds (a `resources` block, a probe block, `replicaCount`, an autoscaler's `enabled`). */
export type HelmValue =
  | { kind: 'resources'; empty: boolean; missingRequests: Array<'cpu' | 'memory'>; memoryLimit: boolean }
  | { kind: 'probe'; set: boolean }
  | { kind: 'replicaCount'; count: number }
  | { kind: 'switch'; enabled: boolean };

/**
 * A file under a chart's `templates/` (unparsed: it is not YAML until rendered): the values it reads
 * (`.Values.a.b`), those it writes out whole (`toYaml .Values.resources`, `with .Values.resources` + `toYaml .`),
 * and whether it writes a StatefulSet.
 */
export interface HelmTemplateDigest {
  type: 'helm-template';
  path: string;
  references: string[];
  wholeBlocks: string[];
  statefulSet?: boolean;
  /** It writes a HorizontalPodAutoscaler or KEDA ScaledObject (maybe behind a values switch). */
  autoscaler?: boolean;
  /** It writes a probe handler itself (`httpGet:`, `exec:`…): values that look like whole probes may only tune its own. */
  writesProbeHandler?: boolean;
  /** It writes Argo CD Applications with a destination namespace (an app-of-apps chart). */
  gitopsNamespace?: boolean;
}

/** A `.dockerignore` (or a Dockerfile's own `<name>.dockerignore`): what a build context leaves out of `COPY . .`. */
export interface DockerignoreDigest {
  type: 'dockerignore';
  path: string;
}

/**
 * A `.env` beside compose files: the variables Compose substitutes in them (`dockerfile: ${API_DOCKERFILE}`).
 * Only values that can name a file or an image are kept (one word, short), never one whose name says secret.
 */
export interface DotenvDigest {
  type: 'dotenv';
  path: string;
  variables: Record<string, string>;
}

export type FileDigest =
  | CodeDigest
  | DotenvDigest
  | DockerignoreDigest
  | HelmChartDigest
  | HelmValuesDigest
  | HelmTemplateDigest
  | ComposeDigest
  | ManifestDigest
  | DockerfileDigest
  | CommandsDigest
  | KustomizationDigest
  | GitOpsDigest;
