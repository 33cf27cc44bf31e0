import { isAlias, isMap, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { Range } from '../../text';
import type { RawFinding, RelatedPlace } from '../types';
import { findPair, nodeRange, scalarString, seqItems } from '../yaml/yamlSupport';
import type { Pipeline, PipelineJob } from './pipeline';

/** Where a job takes its settings from first: the anchored map it merges (`<<: *defaults`), else the template it extends. */
export interface JobTemplate {
  /** The hidden job that holds it (`.defaults`), else the anchor's name. */
  name: string;
  map: YAMLMap<Node, Node | null>;
  range: Range;
}

const MAX_TEMPLATE_DEPTH = 10;

/**
 * The template a job's settings come from, followed to the top (`package` extends `.release`, which extends
 * `.defaults`: `.defaults`), in this file. Undefined for a job that merges and extends nothing written here.
 */
export function rootTemplateOf(pipeline: Pipeline, job: PipelineJob): JobTemplate | undefined {
  let template = templateOf(pipeline, job.map);
  for (let depth = 0; template && depth < MAX_TEMPLATE_DEPTH; depth++) {
    const above = templateOf(pipeline, template.map);
    if (!above || above.map === template.map) break;
    template = above;
  }
  return template;
}

function templateOf(pipeline: Pipeline, map: YAMLMap<Node, Node | null>): JobTemplate | undefined {
  const merge = findPair(map, '<<')?.value;
  const first = isSeq(merge) ? merge.items[0] : merge;
  if (isAlias(first)) {
    const target = resolveAlias(pipeline, first);
    if (isMap(target)) {
      const holder = pipeline.jobs.find((job) => job.map === target);
      const range = holder ? nodeRange(pipeline.file, holder.pair.key) : nodeRange(pipeline.file, target);
      if (range) return { name: holder?.name ?? first.source, map: target as YAMLMap<Node, Node | null>, range };
    }
  }
  const extended = findPair(map, 'extends')?.value;
  const name = scalarString(extended) ?? scalarString(seqItems(extended)[0]);
  const template = name === undefined ? undefined : pipeline.byName.get(name);
  const range = template && nodeRange(pipeline.file, template.pair.key);
  return template && range ? { name: template.name, map: template.map, range } : undefined;
}

function resolveAlias(pipeline: Pipeline, alias: Node): unknown {
  try {
    return isAlias(alias) ? alias.resolve(pipeline.file.documents[0]) : undefined;
  } catch {
    return undefined; // a dangling alias: no template
  }
}

/**
 * One finding per root cause: the jobs a rule reports that all take their settings from the same template are
 * reported once, at the template, naming them (each job a related place); the fix goes there when every job that
 * inherits the template would be served by it (`safeInTemplate`), else the finding carries none. A job alone with
 * its template stays reported at the job.
 */
export function oncePerTemplate(
  pipeline: Pipeline,
  reported: ReadonlyArray<{ job: PipelineJob; finding: RawFinding }>,
  describe: (count: number, template: JobTemplate, names: string) => { message: string; fix?: RawFinding['fix'] },
): RawFinding[] {
  const groups = new Map<object, { template: JobTemplate; members: Array<{ job: PipelineJob; finding: RawFinding }> }>();
  const templates = new Map(reported.map((entry) => [entry, rootTemplateOf(pipeline, entry.job)] as const));
  for (const entry of reported) {
    const template = templates.get(entry);
    if (!template) continue;
    const group = groups.get(template.map) ?? { template, members: [] };
    group.members.push(entry);
    groups.set(template.map, group);
  }
  const out: RawFinding[] = [];
  const done = new Set<object>();
  for (const entry of reported) {
    const template = templates.get(entry);
    const group = template && groups.get(template.map);
    if (!group || group.members.length < 2) {
      out.push(entry.finding);
      continue;
    }
    if (done.has(group.template.map)) continue;
    done.add(group.template.map);
    const names = group.members.map(({ job }) => `\`${job.name}\``);
    const shown = names.length > 4 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    const { message, fix } = describe(group.members.length, group.template, shown);
    const related: RelatedPlace[] = group.members.map(({ job, finding }) => ({
      path: pipeline.model.path,
      line: finding.range.start.line,
      message: `job "${job.name}" takes its settings from "${group.template.name}"`,
    }));
    const { fix: _fix, ...first } = group.members[0].finding;
    out.push({ ...first, range: group.template.range, message, ...(fix ? { fix } : {}), related });
  }
  return out;
}
