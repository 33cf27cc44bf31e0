import { posixDirname, posixResolve } from '../../fileSystem';
import type { RawFinding } from '../../rules/types';
import type { DeploymentModel } from '../model/deploymentModel';
import { settingIn } from '../model/composeProjects';
import { imageListed, imageRepository, roleTables } from '../model/roleTables';
import { endOfLifeOf } from '../../rules/endOfLifeImages';
import type { Place } from '../types';
import { referenceAnswered } from './danglingReferences';

/** Where the deployment satisfies what a file-local finding says is missing, and in words. */
export interface Satisfaction {
  place: Place;
  reason: string;
  /**
   * For a rule whose threshold follows the stage (k8s/replicas): the value the
   * deployment provides there. It satisfies the finding's steps that ask no
   * more; a step asking more stays (see judgeAnalysis).
   */
  value?: number;
}

/**
 * The finding, where it lies, and the model to look across files. A satisfier reads only the finding's rule, subject
 * and message: the judge keeps which copies of a workload keep a finding by those (judgeAnalysis, dueCopiesOf).
 */
export interface SatisfactionQuery {
  path: string;
  finding: RawFinding;
  model: DeploymentModel;
}

type Satisfier = (query: SatisfactionQuery) => Satisfaction | undefined;

/** Compose rules about a missing service key: any file of the project that sets one of these keys for the service satisfies them. */
const COMPOSE_SETTING_KEYS: Readonly<Record<string, readonly string[]>> = {
  'compose/healthcheck': ['healthcheck'],
  'compose/restart-policy': ['restart'],
  'compose/resource-limits': ['mem_limit', 'cpus', 'deploy'],
  'compose/no-new-privileges': ['security_opt'],
};

/** The rules whose findings are about a missing compose service setting (reported once, where the service is first defined). */
export function isComposeSettingRule(ruleId: string): boolean {
  return Object.hasOwn(COMPOSE_SETTING_KEYS, ruleId);
}

function composeSetting(ruleId: string): Satisfier {
  return ({ path, finding, model }) => {
    if (finding.subject?.type !== 'compose-service') return undefined;
    const service = finding.subject.service;
    for (const { project, definitions } of model.composeService(path, service)) {
      const place = settingIn(definitions, COMPOSE_SETTING_KEYS[ruleId]);
      if (place && place.path !== path)
        return { place, reason: `${model.describePlace(place, path)} sets it for "${service}" (${project.reason})` };
    }
    return undefined;
  };
}

/** A compose healthcheck is also satisfied by a HEALTHCHECK in the stage of the image the service builds. */
const composeHealthcheck: Satisfier = (query) => {
  const bySetting = composeSetting('compose/healthcheck')(query);
  if (bySetting || query.finding.subject?.type !== 'compose-service') return bySetting;
  const { path, model } = query;
  const service = query.finding.subject.service;
  for (const { definitions } of model.composeService(path, service)) {
    const build = [...definitions].reverse().find((definition) => definition.digest.build);
    if (!build?.digest.build) continue;
    const dockerfile = posixResolve(posixResolve(posixDirname(build.path), build.digest.build.context), build.digest.build.dockerfile);
    const consumer = model.imageConsumers(dockerfile).find((each) => each.service?.name === service && each.stage?.hasHealthcheck);
    if (consumer?.stage) {
      const place = { path: dockerfile, line: consumer.stage.line };
      return { place, reason: `the image it builds declares a HEALTHCHECK (${model.describePlace(place, path)})` };
    }
  }
  return undefined;
};

/** Roles whose containers run to completion or never in production: their healthcheck says nothing about the image's. */
const HEALTH_IRRELEVANT = new Set(['one-shot', 'test', 'dev', 'tooling']);

/**
 * A Dockerfile's HEALTHCHECK is there when every build ships a stage that declares one (the detector
 * reads the last stage), and not needed where every long-running compose service that builds it checks its health.
 */
const dockerHealthcheck: Satisfier = ({ path, model }) => {
  const consumers = model.imageConsumers(path);
  if (consumers.length > 0 && consumers.every((consumer) => consumer.stage?.hasHealthcheck)) {
    const stage = consumers[0].stage!;
    const place = { path, line: stage.line };
    return {
      place,
      reason: `every build ships a stage that declares one (${stage.name ? `target ${stage.name}, ` : ''}${model.describePlace(place, path)})`,
    };
  }
  const onKubernetes = consumers.filter((consumer) => consumer.via === 'workload' || consumer.via === 'chart');
  if (onKubernetes.length > 0 && consumers.every((consumer) => consumer.via !== 'compose')) {
    // What CI builds, Kubernetes runs: it ignores HEALTHCHECK, and its probes are judged by the Kubernetes rules.
    const runner = onKubernetes[0];
    const what = runner.chart
      ? `Helm chart "${runner.chart.name}"`
      : `${runner.workload?.workload.kind ?? 'a workload'} "${runner.workload?.workload.name ?? '?'}"`;
    return {
      place: runner.place,
      reason: `Kubernetes runs the image (${what}, ${model.describePlace(runner.place, path)}) and ignores HEALTHCHECK: its probes are the health checks`,
    };
  }
  if (consumers.length === 0 || consumers.some((consumer) => !consumer.service)) return undefined;
  const running = consumers.filter((consumer) => !HEALTH_IRRELEVANT.has(consumer.service!.role.role));
  let first: Place | undefined;
  const unchecked: Place[] = [];
  for (const consumer of running) {
    const place = settingIn(consumer.service!.definitions, ['healthcheck']);
    if (place) first ??= place;
    else unchecked.push(consumer.place);
  }
  if (first && unchecked.length === 0)
    return {
      place: first,
      reason: `every compose service that builds it and keeps running declares a healthcheck (${model.describePlace(first, path)})`,
    };
  // Only compose runs the image, and no service that does checks its health: one root cause, reported once, as
  // compose/healthcheck on those services (a compose healthcheck is where the check of a compose deployment belongs).
  if (!first && unchecked.length > 0)
    return {
      place: unchecked[0],
      reason: `only compose runs the image, and compose/healthcheck reports the service that builds it (${model.describePlace(unchecked[0], path)}), where the check belongs`,
    };
  return undefined;
};

/** The image is built on one that runs as a non-root user by default, or drops to one (data/deployment.yml), and sets no USER. */
const nonRootBase: Satisfier = ({ path, model }) => {
  const stages = model.dockerfile(path)?.stages ?? [];
  const shipped = stages[stages.length - 1];
  const base = shipped?.baseImage;
  if (!base || shipped.user !== undefined) return undefined;
  const tables = roleTables();
  const place = { path, line: shipped.line };
  if (imageListed(base, tables.nonRootImages)) return { place, reason: `${base} runs as a non-root user by default` };
  if (imageListed(base, tables.privilegeDroppingImages))
    return { place, reason: `the ${base} entrypoint switches to an unprivileged user before the server starts` };
  return undefined;
};

/** The image runs as a non-root user when every compose service that builds it sets one, or every build ships a stage with a non-root USER. */
const dockerNonRoot: Satisfier = ({ path, model }) => {
  const consumers = model.imageConsumers(path);
  if (consumers.length === 0) return undefined;
  let first: Place | undefined;
  for (const consumer of consumers) {
    const user = consumer.service ? userSetting(consumer.service.definitions) : undefined;
    if (user) {
      first ??= user;
      continue;
    }
    if (consumer.stage?.user && !isRoot(consumer.stage.user)) {
      first ??= { path, line: consumer.stage.line };
      continue;
    }
    // A build that only publishes the image is judged by what runs it; a workload's securityContext decides there.
    if (consumer.via === 'build' && consumers.some((other) => other.via === 'workload')) continue;
    if (consumer.workload?.workload.nonRootImages.includes(consumer.workload.image)) {
      first ??= consumer.place;
      continue;
    }
    return undefined;
  }
  return first && { place: first, reason: `everything that runs it runs it as a non-root user (${model.describePlace(first, path)})` };
};

function userSetting(
  definitions: ReadonlyArray<{ path: string; digest: { user?: string; keys: Record<string, number> } }>,
): Place | undefined {
  for (let i = definitions.length - 1; i >= 0; i--) {
    const user = definitions[i].digest.user;
    if (user !== undefined) return isRoot(user) ? undefined : { path: definitions[i].path, line: definitions[i].digest.keys.user ?? 0 };
  }
  return undefined;
}

function isRoot(user: string): boolean {
  const name = user.split(':')[0].trim();
  return name === 'root' || name === '0';
}

/** Kubernetes objects elsewhere in the workspace that target the workload. */
function targetedBy(kinds: readonly string[], what: string): Satisfier {
  return ({ path, finding, model }) => {
    const workload = workloadOf(path, finding, model);
    if (!workload) return undefined;
    const found = model.targetsOf(path, workload).find(({ target }) => kinds.includes(target.kind));
    if (!found) return undefined;
    const place = { path: found.path, line: found.target.line };
    return {
      place,
      reason: `${found.target.kind}${found.target.name ? ` "${found.target.name}"` : ''} ${what} (${model.describePlace(place, path)})`,
    };
  };
}

/** The namespace is set where the manifest is built or deployed (kustomization `namespace:`, Argo CD or Flux destination, `kubectl apply -n`). */
const namespaceSet: Satisfier = ({ path, model }) => {
  const built = model.kustomizations.namespaceOf(path);
  if (built) return { place: built.place, reason: `namespace "${built.value}" is set by ${model.describePlace(built.place, path)}` };
  const applied = model.kubectlNamespaceFor(path);
  if (applied)
    return {
      place: applied.place,
      reason: `${model.describePlace(applied.place, path)} applies it with \`kubectl apply -n ${applied.namespace}\``,
    };
  const template = model.gitopsNamespaceTemplate(path);
  return (
    template && {
      place: template,
      reason: `the Argo CD Applications ${model.describePlace(template, path)} writes deploy the repository with a destination namespace`,
    }
  );
};

/** The image tag is pinned by a kustomization's `images:` entry. */
const imagePinnedByKustomize: Satisfier = ({ path, finding, model }) => {
  const workload = workloadOf(path, finding, model);
  for (const image of workload?.images ?? []) {
    const place =
      model.kustomizations.imagePinnedFor(path, imageRepository(image)) ?? model.kustomizations.imagePinnedFor(path, withoutTag(image));
    if (place) return { place, reason: `the kustomization pins ${withoutTag(image)} (${model.describePlace(place, path)})` };
  }
  // Every image the finding names is a skaffold artifact: skaffold deploys it with the tag of the image it built.
  const images = workload?.images.filter((image) => finding.message?.includes(`"${image}"`)) ?? [];
  const artifacts = images.map((image) => model.skaffoldArtifact(image));
  if (artifacts.length > 0 && artifacts.every((place) => place !== undefined)) {
    const place = artifacts[0]!;
    return {
      place,
      reason: `skaffold builds ${images[0]} and deploys it with the tag of the image it built (${model.describePlace(place, path)})`,
    };
  }
  return undefined;
};

function withoutTag(image: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(0, colon) : image;
}

/** The kustomization sets enough replicas for the workload. */
/** A kustomization's `replicas:` entry for the workload: it provides that many replicas (enough for the thresholds it meets). */
const deployedReplicas: Satisfier = ({ path, finding, model }) => {
  const workload = workloadOf(path, finding, model);
  if (!workload?.name) return undefined;
  const replicas = model.kustomizations.replicasOf(path, workload.name);
  if (replicas)
    return {
      place: replicas.place,
      reason: `the kustomization sets ${replicas.value} replicas (${model.describePlace(replicas.place, path)})`,
      value: replicas.value,
    };
  // An autoscaler in another file owns the count (one in the same file is read by the rule itself).
  const scaler = model
    .targetsOf(path, workload)
    .find(({ path: at, target }) => at !== path && (target.kind === 'HorizontalPodAutoscaler' || target.kind === 'ScaledObject'));
  if (!scaler) return undefined;
  const place = { path: scaler.path, line: scaler.target.line };
  const named = `${scaler.target.kind}${scaler.target.name ? ` "${scaler.target.name}"` : ''}`;
  // A KEDA ScaledObject's minimum means something else (it may scale to zero on purpose), and an unreadable minimum is unknown.
  if (scaler.target.minReplicas === undefined) return { place, reason: `${named} scales it (${model.describePlace(place, path)})` };
  const count = scaler.target.minReplicas;
  return {
    place,
    reason: `${named} keeps at least ${count} replica${count === 1 ? '' : 's'} (${model.describePlace(place, path)})`,
    value: count,
  };
};

function workloadOf(path: string, finding: RawFinding, model: DeploymentModel) {
  const subject = finding.subject;
  return subject?.type === 'workload' ? model.workloadIn(path, subject.kind, subject.name, subject.namespace) : undefined;
}

/** A binding anywhere in the workspace grants the workload's ServiceAccount a role (its pods call the API), or the account turns its token off. */
const serviceAccountUsed: Satisfier = ({ path, finding, model }) => {
  const workload = workloadOf(path, finding, model);
  const fact = workload && model.serviceAccountFact(path, workload);
  if (!fact) return undefined;
  const place = { path: fact.path, line: fact.account.line };
  return {
    place,
    reason: fact.account.boundBy
      ? `${fact.account.boundBy} grants ServiceAccount "${fact.account.name}" a role: its pods call the API (${model.describePlace(place, path)})`
      : `ServiceAccount "${fact.account.name}" turns its token off (${model.describePlace(place, path)})`,
  };
};

/** A Swarm stack file's `version:` is read by `docker stack deploy` (required before Docker 20.10.8), so it is not obsolete there. */
const swarmVersion: Satisfier = (query) => swarmStack(query, "Swarm's loader reads `version:`");

/** Swarm restarts a stack's services by default (`deploy.restart_policy.condition: any`) and ignores `restart:`. */
const swarmRestarts: Satisfier = (query) =>
  swarmStack(query, "Swarm restarts a stack's services by default (restart_policy condition: any)");

/** Satisfied because the file is a Swarm stack file (by its name, or a script that deploys it as one), for `why`. */
function swarmStack({ path, model }: Parameters<Satisfier>[0], why: string): ReturnType<Satisfier> {
  const deployed = model.swarmDeployment(path);
  if (!deployed) return undefined;
  const by =
    deployed.path === path
      ? 'its name says it is a Swarm stack file'
      : `${model.describePlace(deployed, path)} deploys it with docker stack deploy`;
  return { place: deployed, reason: `${by}, and ${why}` };
}

/** "No CI workflow runs the tests" does not apply where there is no code to test (a GitOps or infrastructure repository). */
const noCodeToTest: Satisfier = ({ path, model }) =>
  model.hasCode
    ? undefined
    : {
        place: { path, line: 0 },
        reason:
          'the workspace has no project or dependency manifest (package.json, go.mod, pyproject.toml, a .csproj…): no code of its own to test',
      };

/**
 * The detector judges the last stage; a build that ships another target (compose `build.target`,
 * `docker build --target`) ships that stage's base instead. When every build ships a stage whose base
 * image is not in the end-of-life table (and written without variables), the finding does not hold.
 */
const shippedBaseSupported: Satisfier = ({ path, model }) => {
  const consumers = model.imageConsumers(path);
  if (consumers.length === 0) return undefined;
  for (const consumer of consumers) {
    const base = consumer.stage?.baseImage;
    if (!base || base.includes('$') || endOfLifeOf(base)) return undefined;
  }
  const stage = consumers[0].stage!;
  const place = { path, line: stage.line };
  return {
    place,
    reason: `every build ships ${stage.name ? `target ${stage.name}` : 'another stage'} (${model.describePlace(place, path)}), on ${stage.baseImage}, which is supported`,
  };
};

/** `COPY . .` is filtered by a `.dockerignore` of the build context (or the Dockerfile's own one). */
const contextFiltered: Satisfier = ({ path, model }) => {
  const file = model.dockerignoreFor(path);
  return file
    ? { place: { path: file, line: 0 }, reason: `${model.describePlace({ path: file, line: 0 }, path)} filters the build context` }
    : undefined;
};

/** Per rule: how the deployment can satisfy it outside the file that reports it. */
export const SATISFIERS: Readonly<Record<string, Satisfier>> = {
  'compose/obsolete-version': swarmVersion,
  'gha/ci-runs-tests': noCodeToTest,
  'gitlab/ci-runs-tests': noCodeToTest,
  'compose/healthcheck': composeHealthcheck,
  'compose/restart-policy': (query) => swarmRestarts(query) ?? composeSetting('compose/restart-policy')(query),
  'compose/resource-limits': composeSetting('compose/resource-limits'),
  'compose/no-new-privileges': composeSetting('compose/no-new-privileges'),
  'docker/healthcheck': dockerHealthcheck,
  'docker/non-root-user': (query) => nonRootBase(query) ?? dockerNonRoot(query),
  'docker/base-image-eol': shippedBaseSupported,
  'docker/copy-whole-context': contextFiltered,
  'k8s/horizontal-pod-autoscaler': targetedBy(['HorizontalPodAutoscaler', 'ScaledObject'], 'scales it'),
  'k8s/pod-disruption-budget': targetedBy(['PodDisruptionBudget'], 'covers its pods'),
  'k8s/network-policy': targetedBy(['NetworkPolicy'], 'selects its pods'),
  'k8s/default-namespace': namespaceSet,
  'k8s/image-tag': imagePinnedByKustomize,
  'k8s/replicas': deployedReplicas,
  'k8s/service-account-token': serviceAccountUsed,
  'k8s/dangling-service': referenceAnswered,
  'k8s/dangling-autoscaler': referenceAnswered,
  'k8s/dangling-disruption-budget': referenceAnswered,
};

export { workloadOf };
