import { findConcern, stageInfo } from '../../matrix/matrixQueries';
import type { Matrix } from '../../matrix/types';
import { STAGE_IDS, stageIndex } from '../../stages';
import type { RuleMeta } from '../types';
import type { RuleCatalog } from './ruleCatalog';
import { withoutTrailing } from '../../text';
import { ruleDocPath } from './ruleDocs';

/**
 * The generated rule documentation: `docs/rules/README.md` (the index) and one page per rule at
 * `docs/rules/<rule id>.md`. Pure: the script that writes them (scripts/rule-docs.ts) reads the
 * fixtures, and a unit test keeps the committed pages in sync with data/rules/*.yml.
 */

/** A fixture file shown on a rule's page: bad (reports the rule), good (does not) or fixed (after the quick fix). */
export interface RuleExample {
  kind: 'bad' | 'good' | 'fixed';
  /** Path relative to the repository root, for the caption. */
  path: string;
  text: string;
}

const KIND_ORDER = ['dockerfile', 'github-actions', 'gitlab-ci', 'compose', 'kubernetes', 'terraform'];
const KIND_NAMES: Record<string, string> = {
  dockerfile: 'Dockerfile',
  'github-actions': 'GitHub Actions workflow',
  'gitlab-ci': 'GitLab CI file',
  compose: 'Compose file',
  kubernetes: 'Kubernetes manifest',
  terraform: 'Terraform file',
};
const FENCE_LANGUAGE: Record<string, string> = { dockerfile: 'dockerfile', terraform: 'hcl' };
/** Examples longer than this are cut: a page shows the shape, the fixture has the rest. */
const MAX_EXAMPLE_LINES = 40;

/** Rules in the order people browse them: by file kind, then by the stage they start at, then by id. */
export function rulesInDocOrder(catalog: RuleCatalog): RuleMeta[] {
  return [...catalog.rules].sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || stageIndex(a.from) - stageIndex(b.from) || a.id.localeCompare(b.id),
  );
}

/** `docs/rules/README.md`: every rule, one row each, linking to its page. */
export function renderRulesIndex(catalog: RuleCatalog, matrix: Matrix): string {
  const lines = [
    '# Rules',
    '',
    '<!-- Generated from data/rules/*.yml by `npm run rule-docs`; do not edit by hand. -->',
    '',
    'Each rule belongs to one concern of the stage matrix and starts to matter at one stage. Below that stage',
    'it is silent in the Problems panel; at the stage before it, it is an information ("next: …"); from its',
    'stage on, it is a warning. Hovers and the upgrades checklist explain every rule at any stage.',
    '',
    `${catalog.rules.length} rules.`,
  ];
  let kind = '';
  for (const rule of rulesInDocOrder(catalog)) {
    if (rule.kind !== kind) {
      kind = rule.kind;
      lines.push('', `## ${KIND_NAMES[kind] ?? kind}`, '', '| Rule | Stage | Concern | Title | Peers |', '| --- | --- | --- | --- | --- |');
    }
    const concernName = findConcern(matrix, rule.concern)?.name ?? rule.concern;
    lines.push(
      `| [\`${rule.id}\`](${relativePageLink(rule.id)}) | ${stageLabel(matrix, rule)} | ${cell(concernName)} | ${cell(rule.title)} | ${peerList(rule)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** One rule's page: why at which stage (with the matrix cell it follows), examples, the fix, the peers. */
export function renderRulePage(rule: RuleMeta, matrix: Matrix, examples: readonly RuleExample[]): string {
  const concern = findConcern(matrix, rule.concern);
  const stage = stageInfo(matrix, rule.from);
  const lines = [
    `# \`${rule.id}\`: ${rule.title}`,
    '',
    "<!-- Generated from data/rules/*.yml and the rule's test fixtures by `npm run rule-docs`; do not edit by hand. -->",
    '',
    '| File kind | Concern | From stage | Severity when due |',
    '| --- | --- | --- | --- |',
    `| ${KIND_NAMES[rule.kind] ?? rule.kind} | ${cell(concern?.name ?? rule.concern)} | ${cell(stage.name)} | ${rule.dueSeverity === 'info' ? 'information' : 'warning'} |`,
    '',
    '## Why, at this stage',
    '',
    paragraph(rule.why),
  ];
  if (concern) {
    lines.push('', `What the matrix asks of *${concern.name}*:`, '');
    for (const id of STAGE_IDS) {
      const threshold = rule.thresholds?.find((candidate) => candidate.from === id);
      const marker =
        id === rule.from
          ? ` ← this rule starts here${threshold ? ` (at least ${threshold.value})` : ''}`
          : threshold
            ? ` ← the rule asks at least ${threshold.value} from here`
            : '';
      lines.push(`- **${stageInfo(matrix, id).name}**: ${concern.cells[id].text}${marker}`);
    }
  }
  if (rule.roles) {
    lines.push(
      '',
      '## Where it applies',
      '',
      `Only to ${rule.roles.join(', ')} units: Stage Guide judges each image, compose service and workload by its role ` +
        '(a database, a test runner, a one-shot migration, a dev-only service…) and says in the hover why it assumed it. ' +
        'See [the deployment model](../../deployment-model.md).',
    );
  }
  if (rule.thresholds) {
    lines.push(
      '',
      '## Threshold by stage',
      '',
      'One finding per occurrence; its message and quick fix state the threshold of the stage that governs the file, and',
      "the next stage's when it asks more.",
      '',
      '| From stage | At least |',
      '| --- | --- |',
      ...rule.thresholds.map((threshold) => `| ${cell(stageInfo(matrix, threshold.from).name)} | ${threshold.value} |`),
    );
  }
  lines.push('', '## How to fix', '', paragraph(rule.fix));
  for (const kind of ['bad', 'fixed', 'good'] as const) {
    const shown = examples.filter((example) => example.kind === kind);
    if (shown.length === 0) continue;
    lines.push('', `## ${EXAMPLE_HEADINGS[kind]}`);
    for (const example of shown) lines.push('', `\`${example.path}\``, '', ...fence(rule.kind, example.text));
  }
  lines.push(
    '',
    '## Same check in other tools',
    '',
    rule.peers.length > 0 ? rule.peers.map((peer) => `- \`${peer}\``).join('\n') : 'None known.',
  );
  lines.push(
    '',
    '## Silencing',
    '',
    `- On one line: \`# stage-guide: ignore ${rule.id}\` on the line above the finding.`,
    `- In a service: \`rules: { ${rule.id}: off }\` or a dated waiver in \`.stage.yml\` (see [configuration](../../configuration.md)).`,
  );
  for (const threshold of rule.thresholds ?? []) {
    if (!threshold.formerId) continue;
    lines.push(
      `- Former id \`${threshold.formerId}\` (the threshold of ${threshold.value} from ${stageInfo(matrix, threshold.from).name}): ` +
        'naming it in a comment, `rules:` or a waiver still applies to that threshold only.',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The page left at a former rule id (`docs/rules/k8s/replicas-at-least-3.md`): where the check went. */
export function renderFormerRulePage(formerId: string, rule: RuleMeta, matrix: Matrix): string {
  const threshold = rule.thresholds?.find((candidate) => candidate.formerId === formerId);
  const which = threshold ? ` as its threshold of ${threshold.value} from ${stageInfo(matrix, threshold.from).name}` : '';
  return [
    `# \`${formerId}\`: merged into \`${rule.id}\``,
    '',
    '<!-- Generated from data/rules/*.yml by `npm run rule-docs`; do not edit by hand. -->',
    '',
    `This check is now part of [\`${rule.id}\`](${relativeLinkBetween(formerId, rule.id)})${which}: one finding per occurrence,`,
    'whose threshold follows the stage. Comments, `.stage.yml` `rules:` and waivers that name this id still apply to that',
    'threshold.',
    '',
  ].join('\n');
}

/** The link from one rule page to another (pages live at docs/rules/<prefix>/<slug>.md). */
function relativeLinkBetween(fromId: string, toId: string): string {
  const [fromPrefix] = fromId.split('/');
  const [toPrefix, toSlug] = toId.split('/');
  return fromPrefix === toPrefix ? `${toSlug}.md` : `../${toPrefix}/${toSlug}.md`;
}

const EXAMPLE_HEADINGS = { bad: 'Reported', fixed: 'After the quick fix', good: 'Not reported' } as const;

/** The index's link to a rule page, relative to docs/rules/README.md. */
function relativePageLink(ruleId: string): string {
  return ruleDocPath(ruleId).slice('docs/rules/'.length);
}

function stageLabel(matrix: Matrix, rule: RuleMeta): string {
  const name = stageInfo(matrix, rule.from).shortName;
  return rule.dueSeverity === 'info' ? `${name} (info)` : name;
}

function peerList(rule: RuleMeta): string {
  return rule.peers.length > 0 ? rule.peers.map((peer) => `\`${peer}\``).join(', ') : '—';
}

/** Folded YAML text as one Markdown paragraph. */
function paragraph(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

/** One table cell: single line, pipes escaped. */
function cell(text: string): string {
  return paragraph(text).replace(/\|/g, '\\|');
}

/** A fenced block long enough not to be closed by backticks inside the example. */
function fence(kind: string, text: string): string[] {
  const all = withoutTrailing(text, '\n').split('\n');
  const body = all.length > MAX_EXAMPLE_LINES ? [...all.slice(0, MAX_EXAMPLE_LINES), '# … (cut; see the fixture)'] : all;
  let ticks = '```';
  while (body.some((line) => line.startsWith(ticks))) ticks += '`';
  return [`${ticks}${FENCE_LANGUAGE[kind] ?? 'yaml'}`, ...body, ticks];
}
