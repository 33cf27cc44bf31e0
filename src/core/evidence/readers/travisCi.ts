import type { CiJob, EvidenceFacts } from '../facts';
import { child, expandLists, scalarText } from '../parsers/locatedTree';
import type { TreeValue } from '../parsers/locatedTree';
import { allScalarText } from './ciText';
import { branchFilter, emptyJob, EVERY_PUSH, namesOf, NO_EVENT, scriptCommandsOf } from './ciJobs';
import type { Triggers } from './ciJobs';

/** The phases whose commands a Travis job runs, in order. */
const PHASES = ['before_install', 'install', 'before_script', 'script', 'after_success', 'before_deploy', 'after_script'];
/** Travis `services:` by the image of the same server (tests against a database are read from them). */
const SERVICE_IMAGES: Record<string, string> = {
  postgresql: 'postgres',
  mysql: 'mysql',
  mongodb: 'mongo',
  mariadb: 'mariadb',
  redis: 'redis',
};
/** Deploy providers that publish a package: read as the command they run, for "versioned artifacts". */
const PUBLISH_COMMANDS: Record<string, string> = { npm: 'npm publish', pypi: 'twine upload', rubygems: 'gem push' };

/**
 * A Travis CI configuration (`.travis.yml`): the root job's phases, each
 * `jobs.include` entry's own phases, and each `deploy:` provider. Travis
 * builds every branch push and pull request unless `branches:` or `if:`
 * say otherwise; a `node_js` project without `script:` runs `npm test`;
 * deploys run from the default branch only, unless `on:` says otherwise.
 */
export function readTravisCi(path: string, root: TreeValue, inherited: boolean, facts: EvidenceFacts): void {
  if (root.kind !== 'map') return;
  const branches = child(root, 'branches');
  const filtered = branches
    ? { ...NO_EVENT, ...branchFilter(listOrUndefined(child(branches, 'only')), namesOf(child(branches, 'except'))) }
    : EVERY_PUSH;
  const rootTriggers = withCondition(filtered, child(root, 'if'));
  const services = namesOf(child(root, 'services')).flatMap((name) => {
    const image = SERVICE_IMAGES[name.toLowerCase()];
    return image ? [{ image, line: child(root, 'services')!.line }] : [];
  });
  const jobs: CiJob[] = [];
  const rootJob = phaseJob('travis', root.line, root, rootTriggers, true);
  if (rootJob.commands.length > 0) jobs.push(rootJob);
  const matrix = child(child(root, 'jobs'), 'include') ?? child(child(root, 'matrix'), 'include');
  expandLists(matrix ?? { kind: 'list', items: [], line: 0 }).forEach((include, index) => {
    if (include.kind !== 'map') return;
    const name = scalarText(child(include, 'name')) ?? scalarText(child(include, 'stage')) ?? `include ${index + 1}`;
    const job = phaseJob(name, include.line, include, withCondition(rootTriggers, child(include, 'if')), false);
    if (job.commands.length > 0) jobs.push(job);
    jobs.push(...deployJobs(child(include, 'deploy'), rootTriggers));
  });
  jobs.push(...deployJobs(child(root, 'deploy'), rootTriggers));
  for (const job of jobs) job.services.push(...services);
  facts.ci.push({ path, system: 'travis', jobs, inherited });
}

function listOrUndefined(node: TreeValue | undefined): string[] | undefined {
  return node ? namesOf(node) : undefined;
}

function phaseJob(name: string, line: number, node: TreeValue, triggers: Triggers, isRoot: boolean): CiJob {
  const job = emptyJob(name, line, triggers, allScalarText(node).join('\n'));
  for (const phase of PHASES) job.commands.push(...scriptCommandsOf(child(node, phase)));
  const language = child(node, 'language');
  // Travis's default script for a Node.js project.
  if (isRoot && !child(node, 'script') && scalarText(language) === 'node_js') job.commands.push({ text: 'npm test', line: language!.line });
  return job;
}

/** `deploy:` (one provider or a list): where the build ships, and on which builds. */
function deployJobs(deploy: TreeValue | undefined, triggers: Triggers): CiJob[] {
  if (!deploy) return [];
  return expandLists(deploy).flatMap((entry) => {
    const provider = child(entry, 'provider');
    const name = scalarText(provider);
    if (!provider || !name) return [];
    const job = emptyJob(`deploy (${name})`, provider.line, deployTriggers(child(entry, 'on'), triggers), allScalarText(entry).join('\n'));
    if (name === 'script') job.commands.push(...scriptCommandsOf(child(entry, 'script')));
    else if (PUBLISH_COMMANDS[name]) job.commands.push({ text: PUBLISH_COMMANDS[name], line: provider.line });
    else job.actions.push({ uses: `travis-deploy:${name}`, line: provider.line, inputs: '' });
    return [job];
  });
}

/** Deploys run on pushes to the default branch only, never on pull requests; `on:` widens or moves that. */
function deployTriggers(on: TreeValue | undefined, build: Triggers): Triggers {
  if (scalarText(child(on, 'tags')) === 'true') return { ...NO_EVENT, onTags: build.onTags || build.onPush };
  const branch = child(on, 'branch');
  const all = scalarText(child(on, 'all_branches')) === 'true';
  const onMain = all || !branch || namesOf(branch).some((name) => name === 'main' || name === 'master');
  return { onPush: build.onPush, onPullRequest: false, onMainPush: build.onMainPush && onMain, onTags: false };
}

/**
 * Travis conditions (`if: branch = master AND type = push`) for the forms
 * that say which events a job runs on. A condition with none of them is one
 * the text cannot decide: no event is claimed for it.
 */
function withCondition(triggers: Triggers, condition: TreeValue | undefined): Triggers {
  const text = scalarText(condition);
  if (text === undefined) return triggers;
  const normalized = ` ${text.toLowerCase().split(/\s+/).join(' ')} `;
  const has = (atom: string) => normalized.includes(atom);
  let result: Triggers = { ...triggers };
  let recognised = false;
  if (has(' tag is present')) {
    result = { ...NO_EVENT, onTags: true };
    recognised = true;
  }
  if (has(' tag is blank')) {
    result.onTags = false;
    recognised = true;
  }
  if (has(' type = pull_request') || has(' type in (pull_request)')) {
    result = { ...result, onPush: false, onMainPush: false };
    recognised = true;
  }
  if (has(' type = push') || has(' type != pull_request')) {
    result.onPullRequest = false;
    recognised = true;
  }
  if (has(' type = cron') || has(' type = api')) return NO_EVENT;
  if (has(' branch = master') || has(' branch = main')) {
    recognised = true;
  } else if (has(' branch = ') || has(' branch in ') || has(' branch =~ ')) {
    result.onMainPush = has(' branch in (master') || has(' branch in (main') || has(', master') || has(', main');
    recognised = true;
  }
  return recognised ? result : NO_EVENT;
}
