import { imageMatches } from '../matchers';
import { jobTestRun, workflowRepository } from '../../../ci/ciTestRuns';
import type { TestRun, WorkflowRepository } from '../../../ci/ciTestRuns';
import { gitlabCiFacts, gitlabFileContext, gitlabJobTestRun } from '../../../ci/gitlabCiTests';
import type { GitlabCiFacts } from '../../../ci/gitlabCiTests';
import { findTestCommand, lineInScript } from '../../../ci/testCommands';
import { lineOfOffset, runCommands } from '../../../ci/commandWords';
import type { RunCommand } from '../../../ci/commandWords';
import type { CiAction, CiCommand, CiFact, CiJob, EvidenceFacts } from '../../facts';
import { fileLineOf, jobParts, jobsForScope, runsOnlyWhenCalled } from '../ciScope';
import type { JobPart, ScopedJob } from '../ciScope';
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
    /\b(?:docker|podman)\s+(?:buildx\s+)?(?:build|bake)\b|\bbuildah\s+(?:bud|build)\b|\/kaniko\/executor\b|\bko\s+(?:build|publish)\b|\bjib(?:Build)?\b|\bgo\s+build\b|\bcargo\s+build\b|\bdotnet\s+(?:build|publish)\b|\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?build\b|\bpython3?\s+-m\s+build\b|\b(?:poetry|uv)\s+build\b|\bgoreleaser\b/,
  sequences: [
    [/\bmvnw?\b/, /\b(?:package|install|deploy|verify)\b/],
    [/\bgradlew?\b/, /\b(?:build|assemble|bootJar|jib)\b/],
    // `docker compose -f compose.yaml build api`: the images the compose project ships.
    [/^(?:docker|podman)$/, /^compose$/, /^build$/],
    [/^(?:docker|podman)-compose$/, /^build$/],
    [/^(?:docker|podman)$/, /^compose$/, /^up$/, /^--build$/],
    [/^(?:docker|podman)-compose$/, /^up$/, /^--build$/],
    // `make build`, `make docker-build`, `just image`: a task the repository names for building.
    [/^(?:g?make|just|task)$/, /^(?:build|docker-build|docker-image|build-images?|images?|package)$/],
  ],
};
const BUILD_ACTIONS = [
  'docker/build-push-action',
  'docker/bake-action',
  'goreleaser/goreleaser-action',
  'redhat-actions/buildah-build',
  'ko-build/setup-ko',
  'orb:circleci/docker/build',
  'orb:circleci/docker/publish',
  'orb:circleci/aws-ecr/build',
  'orb:circleci/gcp-gcr/build',
  'jenkins:docker.build',
];
/** Refers to the commit or a version: what makes an artifact traceable. */
const VERSION_REFERENCE =
  /github\.(?:sha|ref_name)|\bGITHUB_SHA\b|\bGITHUB_REF_NAME\b|\bCI_COMMIT_(?:SHORT_)?SHA\b|\bCI_COMMIT_TAG\b|git\s+rev-parse|\$\{?VERSION\b|\$\{?IMAGE_TAG\b|steps\.[\w-]+\.outputs\.(?:tags|version)|\bTRAVIS_(?:COMMIT|TAG)\b|\bCIRCLE_(?:SHA1|TAG|BUILD_NUM)\b|\bBITBUCKET_(?:COMMIT|TAG|BUILD_NUMBER)\b|\bBuild\.(?:SourceVersion|BuildNumber|BuildId)\b|\bGIT_COMMIT\b|\bBUILD_NUMBER\b|\bTAG_NAME\b/;
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
    /\bkubectl\s+(?:apply|create\s+-f|set\s+image|rollout\s+restart)\b|\bhelm(?:file)?\s+(?:upgrade|install|apply|sync)\b|\bargocd\s+app\s+(?:sync|set)\b|\bflyctl\s+deploy\b|\bfly\s+deploy\b|\b(?:serverless|sls)\s+deploy\b|\bterraform\s+apply\b|\baws\s+ecs\s+update-service\b|\baws\s+deploy\b|\bgcloud\s+(?:run|app|functions)\s+deploy\b|\baz\s+(?:webapp|containerapp)\s+(?:up|update|deploy)\b|\bnetlify\s+deploy\b|\bheroku\s+container:release\b|\bgit\s+push\s+heroku\b|\bskaffold\s+(?:run|deploy)\b|\bcdk\s+deploy\b|\bpulumi\s+up\b|\brailway\s+up\b|\bwrangler\s+(?:deploy|publish)\b|\bdocker\s+stack\s+deploy\b|\baws\s+cloudformation\s+deploy\b|\bsam\s+deploy\b|\beb\s+deploy\b|\bfirebase\s+deploy\b/,
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
  // Azure Pipelines tasks that deploy (Kubernetes and Helm tasks are read as the commands they run).
  'task:azurewebapp',
  'task:azurermwebappdeployment',
  'task:azurefunctionapp',
  'task:azurecontainerapps',
  'task:azurestaticwebapp',
  // CircleCI orbs' deploy jobs and commands.
  'orb:circleci/aws-ecs/deploy',
  'orb:circleci/aws-ecs/update',
  'orb:circleci/aws-eks/update-container-image',
  'orb:circleci/heroku/deploy',
  'orb:circleci/helm/install',
  'orb:circleci/helm/upgrade',
  'orb:circleci/kubernetes/create-or-update',
  'orb:circleci/gcp-gke/rollout',
  'orb:circleci/gcp-cloud-run/deploy',
  // Bitbucket pipes that deploy.
  'pipe:atlassian/aws-ecs-deploy',
  'pipe:atlassian/aws-elasticbeanstalk-deploy',
  'pipe:atlassian/aws-code-deploy',
  'pipe:atlassian/aws-lambda-deploy',
  'pipe:atlassian/aws-s3-deploy',
  'pipe:atlassian/heroku-deploy',
  'pipe:atlassian/kubectl-run',
  'pipe:atlassian/helm-',
  'pipe:atlassian/azure-web-apps-deploy',
  'pipe:atlassian/azure-aks-deploy',
  'pipe:atlassian/google-app-engine-deploy',
  'pipe:atlassian/google-cloudrun-deploy',
  'pipe:atlassian/firebase-deploy',
  'pipe:atlassian/ssh-run',
  // Travis deploy providers that ship the service (package and page providers publish, they do not deploy).
  'travis-deploy:heroku',
  'travis-deploy:elasticbeanstalk',
  'travis-deploy:codedeploy',
  'travis-deploy:gae',
  'travis-deploy:firebase',
  'travis-deploy:lambda',
  'travis-deploy:cloudfoundry',
  'travis-deploy:openshift',
  'travis-deploy:surge',
  'travis-deploy:netlify',
  'travis-deploy:s3',
  'travis-deploy:azure_web_apps',
  'travis-deploy:scalingo',
];
/** CircleCI orb jobs and commands that run the project's test suite (`node/test` runs `npm run test`). */
const TEST_ORBS = ['orb:circleci/node/test', 'orb:circleci/python/test', 'orb:circleci/ruby/rspec-test', 'orb:circleci/go/test'];
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
  *derive({ facts }) {
    const observations: Observation[] = [];
    const repository = repositoryOf(facts);
    for (const scoped of jobsForScope(facts)) {
      const { ci, job } = scoped;
      if (runsOnlyWhenCalled(ci)) continue;
      const parts = jobParts(facts, ci, job);
      const testRun = jobTests(ci, job, repository, facts);
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
      const build = findCommand(parts, BUILDS);
      const buildAction = findAction(parts, BUILD_ACTIONS);
      if ((build || buildAction) && job.onMainPush) {
        const at = build ? build.at : buildAction!.at;
        observations.push(holds('ci.builds-artifact', at, `CI job ${job.name} builds on pushes to main${through(ci, at)}`));
      }
      // An image built, or a deploy made, under the commit's name; or a package published with its version.
      const versioned = findPart(parts, versionedLine);
      const versioningAction = findPartAction(
        parts,
        (action) =>
          startsWithAny(action.uses, VERSIONING_ACTIONS) ||
          (action.uses.startsWith('docker/build-push-action') && VERSION_REFERENCE.test(action.inputs)),
      );
      if (versioned || versioningAction) {
        const at = versioned ? versioned.at : versioningAction!.at;
        observations.push(
          holds(
            'ci.versioned-artifact',
            at,
            versioningAction && !versioned
              ? `CI job ${job.name} uses ${versioningAction.uses}`
              : `CI job ${job.name} tags its artifact with the commit or version`,
          ),
        );
      }
      const deploy = findCommand(parts, DEPLOYS);
      const deployAction = findAction(parts, DEPLOY_ACTIONS);
      const environment = job.environment && DEPLOY_ENVIRONMENT.test(job.environment.name) ? job.environment : undefined;
      if (deploy || deployAction || environment) {
        const at = deploy ? deploy.at : deployAction ? deployAction.at : { path: ci.path, line: environment!.line };
        const what = environment ? `deploys to ${environment.name}` : 'deploys';
        observations.push(holds('ci.deploys', at, `CI job ${job.name} ${what}${through(ci, at)}`));
        if (job.onMainPush)
          observations.push(holds('ci.deploys-on-main', at, `CI job ${job.name} ${what} on pushes to main${through(ci, at)}`));
      }
      const database = job.services.find((service) => DATABASE_IMAGES.some((image) => imageMatches(service.image, image)));
      const composeUp = findCommand(parts, STARTS_COMPOSE);
      if (testRun && (database || composeUp)) {
        observations.push(
          holds(
            'tests.integration-with-db',
            database ? { path: ci.path, line: database.line } : composeUp!.at,
            database
              ? `CI job ${job.name} tests against ${database.image}`
              : `CI job ${job.name} tests against services started with docker compose`,
          ),
        );
      }
      if (job.onTags && !job.onPush && (build || buildAction || versioned || versioningAction)) {
        observations.push(holds('release.automation', { path: ci.path, line: job.line }, `CI job ${job.name} builds releases from tags`));
      }
      yield;
    }
    return observations;
  },
};

interface Found {
  at: { path: string; line: number };
}

/** The first command of the job (or of what it calls) that matches the shape, at its program's line. */
function findCommand(parts: readonly JobPart[], shape: CommandShape): Found | undefined {
  return findPart(parts, (command) => (anyCommand(command.text, shape) ? (shapeLine(command, shape) ?? command.line) : undefined));
}

/**
 * The line of a command that builds or pushes an image, or deploys, under the
 * commit's name or a version (`docker build -t app:$GITHUB_SHA`), or that
 * publishes a versioned package (`npm publish`).
 */
function versionedLine(command: CiCommand): number | undefined {
  const run = runCommands(command.text).find(({ words }) => {
    const line = words.join(' ');
    return (
      ((IMAGE_COMMAND.phrase!.test(line) || matchesShape(words, DEPLOYS)) && VERSION_REFERENCE.test(line)) || matchesShape(words, PUBLISHES)
    );
  });
  return run ? fileLineOf(command, lineOfOffset(command.text, run.offset)) : undefined;
}

/** The first command for which `lineOf` gives a line, with the file it is written in. */
function findPart(parts: readonly JobPart[], lineOf: (command: CiCommand) => number | undefined): Found | undefined {
  for (const part of parts) {
    for (const command of part.commands) {
      const line = lineOf(command);
      if (line !== undefined) return { at: { path: part.path, line } };
    }
  }
  return undefined;
}

function findAction(parts: readonly JobPart[], prefixes: readonly string[]): (Found & { uses: string }) | undefined {
  return findPartAction(parts, (action) => startsWithAny(action.uses, prefixes));
}

function findPartAction(parts: readonly JobPart[], test: (action: CiAction) => boolean): (Found & { uses: string }) | undefined {
  for (const part of parts) {
    const action = part.actions.find(test);
    if (action) return { at: { path: part.path, line: action.line }, uses: action.uses };
  }
  return undefined;
}

/** " (in build.yml)" when the step is written in a workflow or action the job calls. */
function through(ci: CiFact, at: { path: string }): string {
  return at.path === ci.path ? '' : ` (in ${posixBasename(at.path)})`;
}

/**
 * The first command of a script that deploys (`kubectl apply`, `helm
 * upgrade`, `docker stack deploy`, `fly deploy`…), as the tokenizer reads it;
 * a README's code block is judged with the same shapes as a CI step.
 */
export function deployCommandIn(script: string): RunCommand | undefined {
  return matchingCommand(script, DEPLOYS);
}

function startsWithAny(uses: string, prefixes: readonly string[]): boolean {
  const lower = uses.toLowerCase();
  return prefixes.some((prefix) => lower.startsWith(prefix));
}

/**
 * Where a job runs the tests. A GitHub job is judged on the workflow model the
 * rule `gha/ci-runs-tests` reads too (reusable workflows and composite actions
 * of the repository followed); a GitLab job on the pipeline model the rule
 * `gitlab/ci-runs-tests` reads (templates, `default:` and `!reference` of every
 * file the pipeline includes followed); both with the same tokenized test commands.
 */
function jobTests(ci: CiFact, job: CiJob, repository: WorkflowRepository, facts: EvidenceFacts): TestRun | undefined {
  const model = ci.workflow?.jobs.find((candidate) => candidate.id === job.name);
  if (ci.workflow && model) {
    const verdict = jobTestRun(ci.workflow, model, repository);
    return verdict.kind === 'runs' ? verdict.run : undefined;
  }
  if (ci.gitlab) {
    const verdict = gitlabJobTestRun(gitlabFileContext(ci.gitlab, gitlabCiOf(facts)).table, job.name);
    return verdict.kind === 'runs' ? verdict.run : undefined;
  }
  for (const command of job.commands) {
    const found = findTestCommand(command.text);
    if (!found) continue;
    return { path: ci.path, line: fileLineOf(command, lineInScript(command.text, found)), detail: `runs \`${found.command}\`` };
  }
  const orb = job.actions.find((action) => startsWithAny(action.uses, TEST_ORBS));
  return orb ? { path: ci.path, line: orb.line, detail: `uses ${orb.uses}` } : undefined;
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

const gitlabRepositories = new WeakMap<EvidenceFacts, GitlabCiFacts>();

/** The scan's GitLab CI files and pipelines, judged once per scan (the same function builds the rules' WorkspaceFacts). */
function gitlabCiOf(facts: EvidenceFacts): GitlabCiFacts {
  let gitlab = gitlabRepositories.get(facts);
  if (!gitlab) {
    gitlab = gitlabCiFacts(facts.ci.flatMap((ci) => (ci.gitlab ? [ci.gitlab] : [])));
    gitlabRepositories.set(facts, gitlab);
  }
  return gitlab;
}

/**
 * True when one of the script's commands, as the shell tokenizer reads it
 * (program and arguments, quotes removed), matches: `echo "kubectl apply"`
 * deploys nothing.
 */
function anyCommand(script: string, shape: CommandShape): boolean {
  return matchingCommand(script, shape) !== undefined;
}

/** The first command of the script that matches the shape, or undefined. */
function matchingCommand(script: string, shape: CommandShape): RunCommand | undefined {
  return runCommands(script).find(({ words }) => matchesShape(words, shape));
}

function matchesShape(words: readonly string[], shape: CommandShape): boolean {
  return Boolean(shape.phrase?.test(words.join(' '))) || (shape.sequences ?? []).some((sequence) => inOrder(words, sequence));
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
function shapeLine(command: CiCommand, shape: CommandShape): number | undefined {
  const found = matchingCommand(command.text, shape);
  return found ? fileLineOf(command, lineOfOffset(command.text, found.offset)) : undefined;
}

function triggerWords({ job }: ScopedJob): string {
  if (job.onPush && job.onPullRequest) return 'push and pull request';
  return job.onPush ? 'push' : 'pull request';
}
