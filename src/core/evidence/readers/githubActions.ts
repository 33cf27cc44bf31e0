import type { CiJob, EvidenceFacts } from '../facts';
import { child, entriesOf, expandLists, keysOf, scalarText } from '../parsers/locatedTree';
import type { TreeValue } from '../parsers/locatedTree';
import { allScalarText, coversMainBranch } from './ciText';

interface Triggers {
  push: boolean;
  pullRequest: boolean;
  mainPush: boolean;
  tags: boolean;
}

/** A GitHub Actions workflow: its triggers and, per job, run commands, actions, service containers and environment. */
export function readGithubWorkflow(path: string, root: TreeValue, inherited: boolean, facts: EvidenceFacts): void {
  if (root.kind !== 'map') return;
  const on = entriesOf(root, 'on')[0] ?? entriesOf(root, 'true')[0];
  const triggers = readTriggers(on?.value);
  const triggerText = allScalarText(on?.value).join('\n');
  const jobs = child(root, 'jobs');
  if (jobs?.kind !== 'map') return;
  const result: CiJob[] = [];
  for (const entry of jobs.entries) {
    const job = entry.value;
    const model: CiJob = {
      name: entry.key,
      line: entry.keyLine,
      commands: [],
      actions: [],
      services: [],
      onPush: triggers.push,
      onPullRequest: triggers.pullRequest,
      onMainPush: triggers.mainPush,
      onTags: triggers.tags,
      mentionedText: `${triggerText}\n${allScalarText(job).join('\n')}`,
    };
    const reusable = child(job, 'uses');
    const reusableName = scalarText(reusable);
    if (reusable && reusableName)
      model.actions.push({ uses: reusableName, line: reusable.line, inputs: allScalarText(child(job, 'with')).join(' ') });
    for (const step of expandLists(child(job, 'steps') ?? { kind: 'list', items: [], line: 0 })) {
      const run = child(step, 'run');
      const runText = scalarText(run);
      if (run && runText) model.commands.push({ text: runText, line: run.line });
      const uses = child(step, 'uses');
      const usesText = scalarText(uses);
      if (uses && usesText) model.actions.push({ uses: usesText, line: uses.line, inputs: allScalarText(child(step, 'with')).join(' ') });
    }
    const services = child(job, 'services');
    if (services?.kind === 'map') {
      for (const service of services.entries) {
        const image = child(service.value, 'image') ?? service.value;
        const imageText = scalarText(image);
        if (imageText) {
          model.services.push({ image: imageText, line: image.line });
          facts.images.push({ image: imageText, at: { path, line: image.line }, source: 'ci' });
        }
      }
    }
    const environment = child(job, 'environment');
    const environmentName = scalarText(environment) ?? scalarText(child(environment, 'name'));
    if (environment && environmentName) model.environment = { name: environmentName, line: environment.line };
    result.push(model);
  }
  facts.ci.push({ path, system: 'github', jobs: result, inherited });
}

function readTriggers(on: TreeValue | undefined): Triggers {
  const triggers: Triggers = { push: false, pullRequest: false, mainPush: false, tags: false };
  if (!on) return triggers;
  const events = on.kind === 'map' ? keysOf(on) : expandLists(on).map((item) => scalarText(item) ?? '');
  for (const event of events) {
    if (event === 'pull_request' || event === 'pull_request_target' || event === 'merge_group') triggers.pullRequest = true;
    if (event === 'release') triggers.tags = true;
    if (event !== 'push') continue;
    const push = on.kind === 'map' ? child(on, 'push') : undefined;
    const branches = child(push, 'branches');
    const tags = child(push, 'tags');
    const ignored = child(push, 'branches-ignore');
    if (tags) triggers.tags = true;
    // `push: {tags: [...]}` alone runs on tags only, not on branch pushes.
    if (tags && !branches && !ignored) continue;
    triggers.push = true;
    const listed = branches ? expandLists(branches).map((item) => scalarText(item) ?? '') : undefined;
    const ignoredList = ignored ? expandLists(ignored).map((item) => scalarText(item) ?? '') : [];
    triggers.mainPush =
      (listed === undefined || coversMainBranch(listed)) && !ignoredList.some((branch) => branch === 'main' || branch === 'master');
  }
  return triggers;
}
