import { imageMatches } from '../matchers';
import { jobTestRun, workflowRepository } from '../../../ci/ciTestRuns';
import type { TestRun, WorkflowRepository } from '../../../ci/ciTestRuns';
import { findTestCommand, lineInScript } from '../../../ci/testCommands';
import { programIndex, scriptCommands } from '../../../format/shell/shellCommands';
import type { ShellCommand } from '../../../format/shell/shellCommands';
import type { CiFact, CiJob, EvidenceFacts } from '../../facts';
import { commandLine, jobsForScope } from '../ciScope';
import type { ScopedJob } from '../ciScope';
import { holds } from '../observation';
import type { Observation } from '../observation';
import type { Derivation } from './context';
import { posixBasename } from '../../../fileSystem';

/**
 * What a CI command does, matched on the shell tokenizer's words (program and
 * arguments, quotes removed): a `phrase` over the words joined by spaces (a
 * regex with no unbounded gap, so it stays linear), or `sequences` of words in
 * order anywhere in the command (`mvn -B clean deploy`: `mvn`, then `deploy`),
 * matched word by word in one pass where a `[^\n]*` gap would backtrack.
 */
interface CommandShape {
  phrase?: RegExp;
  sequences?: ReadonlyArray<readonly RegExp[]>;
}

/** Builds a deployable artifact: an image or a package. */
const BUILDS: CommandShape = {
  phrase:
    /\b(?:docker|podman)\s+(?:buildx\s+)?build\b|\bbuildah\s+(?:bud|build)\b|\/kaniko\/executor\b|\bko\s+(?:build|publish)\b|\bjib(?:Build)?\b|\bgo\s+build\b|\bcargo\s+build\b|\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?build\b|\bpython3?\s+-m\s+build\b|\b(?:poetry|uv)\s+build\b|\bgoreleaser\b/,
  sequences: [
    [/\bmvnw?\b/, /\b(?:package|install|deploy|verify)\b/],
    [/\bgradlew?\b/, /\b(?:build|assemble|bootJar|jib)\b/],
  ],
};
const BUILD_ACTIONS = ['docker/build-push-action', 'goreleaser/goreleaser-action', 'redhat-actions/buildah-build', 'ko-build/setup-ko'];
/** Refers to the commit or a version: what makes an artifact traceable. */
const VERSION_REFERENCE =
  /github\.(?:sha|ref_name)|\bGITHUB_SHA\b|\bGITHUB_REF_NAME\b|\bCI_COMMIT_(?:SHORT_)?SHA\b|\bCI_COMMIT_TAG\b|git\s+rev-parse|\$\{?VERSION\b|\$\{?IMAGE_TAG\b|steps\.[\w-]+\.outputs\.(?:tags|version)/;
const IMAGE_COMMAND: CommandShape = {
  phrase:
    /\b(?:docker|podman)\s+(?:buildx\s+)?(?:build|tag|push)\b|\bbuildah\b|\/kaniko\/executor\b|\bko\s+(?:build|publish)\b|\bcrane\s+(?:copy|tag)\b|\bskopeo\s+copy\b/,
};
const PUBLISHES: CommandShape = {
  phrase: /\bnpm\s+publish\b|\btwine\s+upload\b|\bcargo\s+publish\b|\bpoetry\s+publish\b|\bgem\s+push\b/,
  sequences: [
    [/\bmvnw?\b/, /\bdeploy\b/],
    [/\bgradlew?\b/, /\bpublish\b/],
  ],
};
const VERSIONING_ACTIONS = ['docker/metadata-action', 'goreleaser/goreleaser-action'];
const DEPLOYS: CommandShape = {
  phrase:
    /\bkubectl\s+(?:apply|set\s+image|rollout\s+restart)\b|\bhelm(?:file)?\s+(?:upgrade|install|apply|sync)\b|\bargocd\s+app\s+(?:sync|set)\b|\bflyctl\s+deploy\b|\bfly\s+deploy\b|\b(?:serverless|sls)\s+deploy\b|\bterraform\s+apply\b|\baws\s+ecs\s+update-service\b|\baws\s+deploy\b|\bgcloud\s+(?:run|app|functions)\s+deploy\b|\baz\s+(?:webapp|containerapp)\s+(?:up|update|deploy)\b|\bnetlify\s+deploy\b|\bheroku\s+container:release\b|\bgit\s+push\s+heroku\b|\bskaffold\s+(?:run|deploy)\b|\bcdk\s+deploy\b|\bpulumi\s+up\b|\brailway\s+up\b|\bwrangler\s+(?:deploy|publish)\b|\bdocker\s+stack\s+deploy\b/,
  // `kustomize build … | kubectl apply` is matched by its `kubectl apply` command.
  sequences: [[/\bvercel\b/, /--prod\b/]],
};
const DEPLOY_ACTIONS = [
  'azure/k8s-deploy',
  'azure/webapps-deploy',
  'google-github-actions/deploy-cloudrun',
  'google-github-actions/deploy-appengine',
  'aws-actions/amazon-ecs-deploy-task-definition',
  'superfly/flyctl-actions',
  'amondnet/vercel-action',
  'cloudflare/wrangler-action',
  'serverless/github-action',
  'pulumi/actions',
  'akhileshns/heroku-deploy',
  'nwtgck/actions-netlify',
  'appleboy/ssh-action',
];
const DEPLOY_ENVIRONMENT = /prod|production|staging|live/i;
const DATABASE_IMAGES = [
  'postgres',
  'mysql',
  'mariadb',
  'mongo',
  'cockroachdb/cockroach',
  'mssql/server',
  'bitnami/postgresql',
  'bitnami/mysql',
  'postgis/postgis',
  'timescale/timescaledb',
  'gvenzl/oracle-xe',
  'gvenzl/oracle-free',
];
const STARTS_COMPOSE: CommandShape = {
  sequences: [
    [/\bdocker-compose\b/, /\bup\b/],
    [/\bdocker\b/, /^compose$/, /\bup\b/],
  ],
};

/**
 * CI signals over the jobs that work on this service (its own pipelines, and
 * root pipelines that name its folder): tests on push/PR, artifacts built on
 * main, versioned artifacts, deploy jobs, integration tests against a
 * database service, and tag-triggered releases.
 */
export const ciSignals: Derivation = {
  signals: [
    'ci.runs-tests',
    'ci.builds-artifact',
    'ci.versioned-artifact',
    'ci.deploys',
    'ci.deploys-on-main',
    'tests.integration-with-db',
    'release.automation',
  ],
  derive({ facts }) {
    const observations: Observation[] = [];
    const repository = repositoryOf(facts);
    for (const scoped of jobsForScope(facts)) {
      const { ci, job } = scoped;
      const testRun = jobTests(ci, job, repository);
      if (testRun && (job.onPush || job.onPullRequest)) {
        const where = testRun.path === ci.path ? '' : ` (through ${posixBasename(testRun.path)}: ${testRun.detail})`;
        observations.push(
          holds(
            'ci.runs-tests',
            { path: testRun.path, line: testRun.line },
            `CI job ${job.name} runs the tests on ${triggerWords(scoped)}${where}`,
          ),
        );
      }
      const build = job.commands.find((command) => anyCommand(command.text, BUILDS));
      const buildAction = job.actions.find((action) => startsWithAny(action.uses, BUILD_ACTIONS));
      if ((build || buildAction) && job.onMainPush) {
        const line = build ? (shapeLine(build, BUILDS) ?? build.line) : buildAction!.line;
        observations.push(holds('ci.builds-artifact', { path: ci.path, line }, `CI job ${job.name} builds on pushes to main`));
      }
      // An image built, or a deploy made, under the commit's name; or a package published with its version.
      const versioned = job.commands.find(
        (command) =>
          ((anyCommand(command.text, IMAGE_COMMAND) || anyCommand(command.text, DEPLOYS)) && VERSION_REFERENCE.test(command.text)) ||
          anyCommand(command.text, PUBLISHES),
      );
      const versioningAction = job.actions.find(
        (action) =>
          startsWithAny(action.uses, VERSIONING_ACTIONS) ||
          (action.uses.startsWith('docker/build-push-action') && VERSION_REFERENCE.test(action.inputs)),
      );
      if (versioned || versioningAction) {
        const line = versioned
          ? (commandLine(versioned, VERSION_REFERENCE) ?? shapeLine(versioned, PUBLISHES) ?? versioned.line)
          : versioningAction!.line;
        observations.push(
          holds(
            'ci.versioned-artifact',
            { path: ci.path, line },
            versioningAction
              ? `CI job ${job.name} uses ${versioningAction.uses}`
              : `CI job ${job.name} tags its artifact with the commit or version`,
          ),
        );
      }
      const deploy = job.commands.find((command) => anyCommand(command.text, DEPLOYS));
      const deployAction = job.actions.find((action) => startsWithAny(action.uses, DEPLOY_ACTIONS));
      const environment = job.environment && DEPLOY_ENVIRONMENT.test(job.environment.name) ? job.environment : undefined;
      if (deploy || deployAction || environment) {
        const line = deploy ? (shapeLine(deploy, DEPLOYS) ?? deploy.line) : deployAction ? deployAction.line : environment!.line;
        const what = environment ? `deploys to ${environment.name}` : 'deploys';
        observations.push(holds('ci.deploys', { path: ci.path, line }, `CI job ${job.name} ${what}`));
        if (job.onMainPush)
          observations.push(holds('ci.deploys-on-main', { path: ci.path, line }, `CI job ${job.name} ${what} on pushes to main`));
      }
      const database = job.services.find((service) => DATABASE_IMAGES.some((image) => imageMatches(service.image, image)));
      const composeUp = job.commands.find((command) => anyCommand(command.text, STARTS_COMPOSE));
      if (testRun && (database || composeUp)) {
        observations.push(
          holds(
            'tests.integration-with-db',
            { path: ci.path, line: database?.line ?? composeUp!.line },
            database
              ? `CI job ${job.name} tests against ${database.image}`
              : `CI job ${job.name} tests against services started with docker compose`,
          ),
        );
      }
      if (job.onTags && !job.onPush && (build || buildAction || versioned || versioningAction)) {
        observations.push(holds('release.automation', { path: ci.path, line: job.line }, `CI job ${job.name} builds releases from tags`));
      }
    }
    return observations;
  },
};

function startsWithAny(uses: string, prefixes: readonly string[]): boolean {
  const lower = uses.toLowerCase();
  return prefixes.some((prefix) => lower.startsWith(prefix));
}

/**
 * Where a job runs the tests. A GitHub job is judged on the workflow model the
 * rule `gha/ci-runs-tests` reads too (reusable workflows and composite actions
 * of the repository followed); a GitLab job on its scripts, with the same
 * tokenized test commands.
 */
function jobTests(ci: CiFact, job: CiJob, repository: WorkflowRepository): TestRun | undefined {
  const model = ci.workflow?.jobs.find((candidate) => candidate.id === job.name);
  if (ci.workflow && model) {
    const verdict = jobTestRun(ci.workflow, model, repository);
    return verdict.kind === 'runs' ? verdict.run : undefined;
  }
  for (const command of job.commands) {
    const found = findTestCommand(command.text);
    if (!found) continue;
    const lines = command.text.split(/\r?\n/).length;
    return {
      path: ci.path,
      line: lines > 1 ? command.line + 1 + lineInScript(command.text, found) : command.line,
      detail: `runs \`${found.command}\``,
    };
  }
  return undefined;
}

const repositories = new WeakMap<EvidenceFacts, WorkflowRepository>();

function repositoryOf(facts: EvidenceFacts): WorkflowRepository {
  let repository = repositories.get(facts);
  if (!repository) {
    repository = workflowRepository(
      facts.ci.flatMap((ci) => (ci.workflow ? [ci.workflow] : [])),
      facts.compositeActions,
    );
    repositories.set(facts, repository);
  }
  return repository;
}

/** Not printed: `echo`, `printf` and the like take text, not commands. */
const PRINTS = new Set(['echo', 'printf', 'cat', 'true', ':']);

/**
 * True when one of the script's commands, as the shell tokenizer reads it
 * (program and arguments, quotes removed), matches: `echo "kubectl apply"`
 * deploys nothing.
 */
function anyCommand(script: string, shape: CommandShape): boolean {
  return matchingCommand(script, shape) !== undefined;
}

/** The first command of the script that matches the shape, or undefined. */
function matchingCommand(script: string, shape: CommandShape): ShellCommand | undefined {
  return scriptCommands(script).find((command) => {
    const index = programIndex(command.words);
    if (index < 0) return false;
    const words = command.words.slice(index).map((word) => word.value);
    if (PRINTS.has(words[0])) return false;
    return shape.phrase?.test(words.join(' ')) || (shape.sequences ?? []).some((sequence) => inOrder(words, sequence));
  });
}

/** Whether some words, in order, match each pattern of the sequence (earliest match first: one pass). */
function inOrder(words: readonly string[], sequence: readonly RegExp[]): boolean {
  let next = 0;
  for (const word of words) {
    if (next < sequence.length && sequence[next].test(word)) next++;
  }
  return next === sequence.length;
}

/** The line of the command's first matching command: its program's line in the script. */
function shapeLine(command: { text: string; line: number }, shape: CommandShape): number | undefined {
  const found = matchingCommand(command.text, shape);
  if (!found) return undefined;
  if (!command.text.includes('\n')) return command.line;
  let line = 0;
  for (let i = 0; i < found.words[0].start; i++) if (command.text.charCodeAt(i) === 10) line++;
  // A block scalar (`run: |`) starts on the line after its indicator.
  return command.line + 1 + line;
}

function triggerWords({ job }: ScopedJob): string {
  if (job.onPush && job.onPullRequest) return 'push and pull request';
  return job.onPush ? 'push' : 'pull request';
}
