import type { CiJob, EvidenceFacts } from '../facts';
import { child, expandLists, scalarText } from '../parsers/locatedTree';
import type { TreeMap, TreeValue } from '../parsers/locatedTree';
import { allScalarText } from './ciText';
import { branchFilter, eitherTriggers, emptyJob, EVERY_PUSH, namesOf, NO_EVENT } from './ciJobs';
import type { Triggers } from './ciJobs';

const MAX_COMMAND_DEPTH = 5;

/**
 * A CircleCI configuration (`.circleci/config.yml`): each job's `run` steps
 * (custom `commands:` expanded, `when`/`unless` steps included), the orb jobs
 * and commands it uses (as `orb:<orb>/<name>`, by the orb's registry name),
 * the secondary images it starts (databases for integration tests), and when
 * each job runs — from the workflows that list it: branch and tag filters,
 * an approval job it waits for (then it is not automatic), scheduled
 * workflows. Without workflows, the `build` job runs on every push.
 */
export function readCircleCi(path: string, root: TreeValue, inherited: boolean, facts: EvidenceFacts): void {
  if (root.kind !== 'map') return;
  const orbs = orbNames(child(root, 'orbs'));
  const commands = child(root, 'commands');
  const definitions = child(root, 'jobs');
  const context: Context = { orbs, commands, facts, path };
  const jobs: CiJob[] = [];
  const runs = workflowRuns(child(root, 'workflows'), orbs);
  if (runs.size === 0) {
    const build = definitions?.kind === 'map' ? definitions.entries.find((entry) => entry.key === 'build') : undefined;
    if (build) jobs.push(defineJob(build.key, build.keyLine, build.value, EVERY_PUSH, '', context));
  }
  for (const [name, run] of runs) {
    const definition = definitions?.kind === 'map' ? definitions.entries.find((entry) => entry.key === run.job) : undefined;
    if (definition) jobs.push(defineJob(name, definition.keyLine, definition.value, run.triggers, run.mentioned, context));
    else if (run.orbJob) {
      const job = emptyJob(name, run.line, run.triggers, run.mentioned);
      job.actions.push({ uses: `orb:${run.orbJob}`, line: run.line, inputs: run.mentioned });
      jobs.push(job);
    }
  }
  facts.ci.push({ path, system: 'circleci', jobs, inherited });
}

interface Context {
  orbs: Map<string, string>;
  commands: TreeValue | undefined;
  facts: EvidenceFacts;
  path: string;
}

/** `orbs: { node: circleci/node@5.1 }`: alias → registry name without its version. Inline orbs keep their alias. */
function orbNames(orbs: TreeValue | undefined): Map<string, string> {
  const names = new Map<string, string>();
  if (orbs?.kind !== 'map') return names;
  for (const entry of orbs.entries) {
    const reference = scalarText(entry.value);
    names.set(entry.key, reference ? reference.split('@')[0] : entry.key);
  }
  return names;
}

/** `alias/name` → `orb-registry-name/name`, or undefined when the step is no orb's. */
function orbReference(name: string, orbs: Map<string, string>): string | undefined {
  const slash = name.indexOf('/');
  if (slash <= 0) return undefined;
  const orb = orbs.get(name.slice(0, slash));
  return orb ? `${orb}/${name.slice(slash + 1)}` : undefined;
}

function defineJob(name: string, line: number, definition: TreeValue, triggers: Triggers, mentioned: string, context: Context): CiJob {
  const job = emptyJob(name, line, triggers, `${allScalarText(definition).join('\n')}\n${mentioned}`);
  const images = expandLists(child(definition, 'docker') ?? { kind: 'list', items: [], line: 0 });
  images.forEach((entry, index) => {
    const image = child(entry, 'image');
    const text = scalarText(image);
    if (!image || !text) return;
    context.facts.images.push({ image: text, at: { path: context.path, line: image.line }, source: 'ci' });
    // The first image is where the steps run; the others are services beside it.
    if (index > 0) job.services.push({ image: text, line: image.line });
  });
  readSteps(child(definition, 'steps'), job, context, 0);
  return job;
}

function readSteps(steps: TreeValue | undefined, job: CiJob, context: Context, depth: number): void {
  if (!steps || depth > MAX_COMMAND_DEPTH) return;
  for (const step of expandLists(steps)) {
    const simple = scalarText(step);
    if (simple !== undefined) {
      readNamedStep(simple, step.line, undefined, job, context, depth);
      continue;
    }
    if (step.kind !== 'map') continue;
    for (const entry of step.entries) {
      if (entry.key === 'run' || entry.key === 'deploy') {
        // `when: on_fail` steps clean up after a failed job: not what the job does.
        if (scalarText(child(entry.value, 'when')) === 'on_fail') continue;
        const command = scalarText(entry.value) !== undefined ? entry.value : child(entry.value, 'command');
        const text = scalarText(command);
        if (command && text) job.commands.push({ text, line: command.line });
      } else if (entry.key === 'when' || entry.key === 'unless') {
        readSteps(child(entry.value, 'steps'), job, context, depth + 1);
      } else {
        readNamedStep(entry.key, entry.keyLine, entry.value, job, context, depth);
      }
    }
  }
}

/** A step by name: a custom command of the configuration (expanded), or an orb's command (recorded). */
function readNamedStep(name: string, line: number, parameters: TreeValue | undefined, job: CiJob, context: Context, depth: number): void {
  const custom = child(context.commands, name);
  if (custom) {
    readSteps(child(custom, 'steps'), job, context, depth + 1);
    return;
  }
  const orb = orbReference(name, context.orbs);
  if (orb) job.actions.push({ uses: `orb:${orb}`, line, inputs: allScalarText(parameters).join(' ') });
}

interface WorkflowRun {
  /** The job definition (or orb job) the entry runs. */
  job: string;
  orbJob?: string;
  line: number;
  triggers: Triggers;
  mentioned: string;
}

/**
 * Every job entry of every workflow, by the name it runs under (`name:`
 * renames an entry), with when it runs. A job listed in several workflows
 * runs on any of their events.
 */
function workflowRuns(workflows: TreeValue | undefined, orbs: Map<string, string>): Map<string, WorkflowRun> {
  const runs = new Map<string, WorkflowRun>();
  if (workflows?.kind !== 'map') return runs;
  for (const workflow of workflows.entries) {
    if (workflow.value.kind !== 'map') continue;
    const scheduled = expandLists(child(workflow.value, 'triggers') ?? { kind: 'list', items: [], line: 0 }).some((trigger) =>
      Boolean(child(trigger, 'schedule')),
    );
    const entries = expandLists(child(workflow.value, 'jobs') ?? { kind: 'list', items: [], line: 0 });
    const approvals = new Set<string>();
    const requires = new Map<string, string[]>();
    const parsed = entries.flatMap((entry) => {
      const key = scalarText(entry) ?? (entry.kind === 'map' ? entry.entries[0]?.key : undefined);
      if (!key) return [];
      const settings = entry.kind === 'map' ? entry.entries[0].value : undefined;
      const name = scalarText(child(settings, 'name')) ?? key;
      if (scalarText(child(settings, 'type')) === 'approval') approvals.add(name);
      requires.set(name, namesOf(child(settings, 'requires')));
      return [{ key, name, settings, line: entry.kind === 'map' ? (entry as TreeMap).entries[0].keyLine : entry.line }];
    });
    for (const { key, name, settings, line } of parsed) {
      if (approvals.has(name)) continue;
      const triggers = scheduled || waitsForApproval(name, requires, approvals) ? NO_EVENT : filterTriggers(child(settings, 'filters'));
      const earlier = runs.get(name);
      const orbJob = orbReference(key, orbs);
      runs.set(name, {
        job: key,
        ...(orbJob ? { orbJob } : {}),
        line,
        triggers: earlier ? eitherTriggers(earlier.triggers, triggers) : triggers,
        mentioned: `${earlier?.mentioned ?? ''}\n${allScalarText(settings).join('\n')}`,
      });
    }
  }
  return runs;
}

/** True when the job requires, directly or through other jobs, an approval: it runs when a person says so. */
function waitsForApproval(name: string, requires: Map<string, string[]>, approvals: Set<string>, seen = new Set<string>()): boolean {
  if (seen.has(name)) return false;
  seen.add(name);
  return (requires.get(name) ?? []).some((required) => approvals.has(required) || waitsForApproval(required, requires, approvals, seen));
}

/** CircleCI runs a job for every branch, and for no tag unless a tag filter lets it. */
function filterTriggers(filters: TreeValue | undefined): Triggers {
  if (!filters) return EVERY_PUSH;
  const branches = child(filters, 'branches');
  const only = child(branches, 'only');
  const branchTriggers = branchFilter(only ? namesOf(only) : undefined, namesOf(child(branches, 'ignore')));
  const tags = child(filters, 'tags');
  return { ...NO_EVENT, ...branchTriggers, onTags: Boolean(child(tags, 'only')) };
}
