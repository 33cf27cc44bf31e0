import type { CiJob, EvidenceFacts } from '../facts';
import { child, entriesOf, expandLists, scalarText } from '../parsers/locatedTree';
import type { TreeMap, TreeValue } from '../parsers/locatedTree';
import { GITLAB_GLOBAL_KEYWORDS } from '../../format/ci/gitlabKeywords';
import { allScalarText } from './ciText';

/**
 * A GitLab CI pipeline: jobs with their scripts (including those of `extends`
 * templates), images, services, environments and when they run. Template
 * includes (`include: template: Security/…`) are recorded as actions.
 */
export function readGitlabCi(path: string, root: TreeValue, inherited: boolean, facts: EvidenceFacts): void {
  if (root.kind !== 'map') return;
  const templates = new Map<string, TreeValue>();
  for (const entry of root.entries) if (entry.key.startsWith('.')) templates.set(entry.key, entry.value);
  const defaults = child(root, 'default');
  const jobs: CiJob[] = [];
  for (const include of expandLists(child(root, 'include') ?? { kind: 'list', items: [], line: 0 })) {
    const template = child(include, 'template');
    const name = scalarText(template);
    if (template && name) {
      jobs.push({
        name: '(include)',
        line: template.line,
        commands: [],
        actions: [{ uses: `template:${name}`, line: template.line, inputs: '' }],
        services: [],
        onPush: true,
        onPullRequest: true,
        onMainPush: true,
        onTags: false,
        mentionedText: name,
      });
    }
  }
  for (const entry of root.entries) {
    if (GITLAB_GLOBAL_KEYWORDS.has(entry.key) || entry.key.startsWith('.') || entry.value.kind !== 'map') continue;
    const chain = [entry.value, ...extended(entry.value, templates)];
    const job: CiJob = {
      name: entry.key,
      line: entry.keyLine,
      commands: [],
      actions: [],
      services: [],
      ...whenItRuns(chain),
      mentionedText: chain.map((node) => allScalarText(node).join('\n')).join('\n'),
    };
    for (const key of ['before_script', 'script', 'after_script']) {
      const scripts = firstIn(chain, key) ?? (key !== 'script' ? (child(defaults, key) ?? child(root, key)) : undefined);
      for (const line of expandLists(scripts ?? { kind: 'list', items: [], line: 0 })) {
        const text = scalarText(line);
        if (text) job.commands.push({ text, line: line.line });
      }
    }
    const image = firstIn(chain, 'image') ?? child(defaults, 'image') ?? child(root, 'image');
    const imageName = scalarText(image) ?? scalarText(child(image, 'name'));
    if (image && imageName) facts.images.push({ image: imageName, at: { path, line: image.line }, source: 'ci' });
    const services = firstIn(chain, 'services') ?? child(defaults, 'services') ?? child(root, 'services');
    for (const service of expandLists(services ?? { kind: 'list', items: [], line: 0 })) {
      const name = scalarText(service) ?? scalarText(child(service, 'name'));
      if (name) {
        job.services.push({ image: name, line: service.line });
        facts.images.push({ image: name, at: { path, line: service.line }, source: 'ci' });
      }
    }
    const environment = firstIn(chain, 'environment');
    const environmentName = scalarText(environment) ?? scalarText(child(environment, 'name'));
    if (environment && environmentName) job.environment = { name: environmentName, line: environment.line };
    jobs.push(job);
  }
  facts.ci.push({ path, system: 'gitlab', jobs, inherited });
}

function extended(job: TreeValue, templates: Map<string, TreeValue>, depth = 0): TreeValue[] {
  if (depth > 5) return [];
  const names = expandLists(child(job, 'extends') ?? { kind: 'list', items: [], line: 0 }).map((item) => scalarText(item) ?? '');
  return names.flatMap((name) => {
    const template = templates.get(name);
    return template ? [template, ...extended(template, templates, depth + 1)] : [];
  });
}

function firstIn(chain: TreeValue[], key: string): TreeValue | undefined {
  for (const node of chain) {
    const value = entriesOf(node, key)[0]?.value;
    if (value) return value;
  }
  return undefined;
}

/**
 * GitLab runs a job on every branch push unless `when: manual`, `only`/`except`
 * or `rules` say otherwise. Rules are read for the common forms: a tag rule,
 * a default-branch rule, a merge-request rule, and `when: manual`.
 */
function whenItRuns(chain: TreeValue[]): Pick<CiJob, 'onPush' | 'onPullRequest' | 'onMainPush' | 'onTags'> {
  const manual = scalarText(firstIn(chain, 'when')) === 'manual';
  const rules = firstIn(chain, 'rules');
  const only = firstIn(chain, 'only');
  if (rules) {
    const items = expandLists(rules).filter((rule): rule is TreeMap => rule.kind === 'map');
    const automatic = items.filter((rule) => !['manual', 'never'].includes(scalarText(child(rule, 'when')) ?? ''));
    const conditions = automatic.map((rule) => scalarText(child(rule, 'if')) ?? '');
    const unconditional = conditions.some((condition) => condition === '');
    const onMain =
      unconditional ||
      conditions.some(
        (condition) => /CI_DEFAULT_BRANCH|["'](main|master)["']|\/\^?(main|master)\$?\//.test(condition) && !/!=/.test(condition),
      );
    const onTags = conditions.some(
      (condition) => /CI_COMMIT_TAG/.test(condition) && !/CI_COMMIT_TAG\s*==\s*null|!\$CI_COMMIT_TAG/.test(condition),
    );
    const onMergeRequest =
      unconditional ||
      conditions.some((condition) => /CI_PIPELINE_SOURCE\s*==\s*["']merge_request_event["']|CI_MERGE_REQUEST/.test(condition));
    const onPush =
      unconditional || onMain || conditions.some((condition) => /CI_COMMIT_BRANCH|CI_PIPELINE_SOURCE\s*==\s*["']push["']/.test(condition));
    return { onPush, onPullRequest: onMergeRequest, onMainPush: onMain, onTags };
  }
  if (manual) return { onPush: false, onPullRequest: false, onMainPush: false, onTags: false };
  if (only) {
    const refs = (only.kind === 'map' ? expandLists(child(only, 'refs') ?? { kind: 'list', items: [], line: 0 }) : expandLists(only)).map(
      (item) => scalarText(item) ?? '',
    );
    const branches = refs.filter(
      (ref) => !['tags', 'schedules', 'merge_requests', 'api', 'web', 'triggers', 'pipelines', 'external'].includes(ref),
    );
    const onMain = refs.includes('branches') || branches.some((ref) => ['main', 'master', '/^main$/', '/^master$/'].includes(ref));
    return {
      onPush: refs.includes('branches') || branches.length > 0,
      onPullRequest: refs.includes('merge_requests'),
      onMainPush: onMain,
      onTags: refs.includes('tags'),
    };
  }
  return { onPush: true, onPullRequest: true, onMainPush: true, onTags: true };
}
