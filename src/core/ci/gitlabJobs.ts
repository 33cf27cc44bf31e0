import type {
  GitlabCiFileModel,
  GitlabJobModel,
  GitlabScriptItem,
  GitlabScriptKeyword,
  GitlabSection,
  GitlabSetting,
} from '../format/ci/gitlabPipelineModel';

/**
 * The jobs of one GitLab pipeline, merged across the files it reads, the way
 * GitLab resolves them: a job defined in several files is one job (the
 * including file wins), `extends:` names a job or template of any file, a
 * keyword the job leaves unset comes from `default:` (unless `inherit:` says
 * otherwise), and `!reference [job, keyword]` reads another job's keyword.
 * The rules (inherited keys) and "does the pipeline run the tests?" both
 * resolve jobs here.
 */
export interface GitlabJobTable {
  /** Each job's definitions, the highest precedence first, with the file each is in. */
  definitions: ReadonlyMap<string, readonly JobDefinition[]>;
  /** `default:` sections, the highest precedence first. */
  defaults: readonly SectionAt[];
  /** False when part of the pipeline could not be read: a job or template not found may be defined there. */
  complete: boolean;
  /** False when it is not known which pipeline reads the file (then `default:` may come from a file not seen). */
  defaultsKnown: boolean;
}

export interface SectionAt {
  section: GitlabSection;
  /** The file the section is in, and the zero-based line of its job key (of the file's first line for `default:`). */
  path: string;
  line: number;
}

export interface JobDefinition extends SectionAt {
  job: GitlabJobModel;
}

/** A resolved value and where it was written. */
export interface Resolved<T> {
  value: T;
  path: string;
  line: number;
}

/** The table of the files given highest precedence first (see GitlabPipeline.files). */
export function gitlabJobTable(files: readonly GitlabCiFileModel[], complete: boolean, defaultsKnown: boolean): GitlabJobTable {
  const definitions = new Map<string, JobDefinition[]>();
  const defaults: SectionAt[] = [];
  for (const file of files) {
    if (file.defaults) defaults.push({ section: file.defaults, path: file.path, line: 0 });
    for (const job of file.jobs) {
      let list = definitions.get(job.name);
      if (!list) definitions.set(job.name, (list = []));
      list.push({ job, section: job, path: file.path, line: job.line });
    }
  }
  return { definitions, defaults, complete, defaultsKnown };
}

export interface Lineage {
  /** The job's definitions, then the templates it extends, nearest (highest precedence) first. */
  sections: SectionAt[];
  /** False when an `extends:` names a job that was not read: then the job's full configuration is unknown. */
  complete: boolean;
  /** The first name that was not found, for messages. */
  missing?: string;
}

/** GitLab's limit on `extends:` nesting. */
const MAX_EXTENDS_DEPTH = 11;

/** The job with everything it `extends:` (GitLab deep-merges these; later entries of an `extends:` list win). */
export function jobLineage(table: GitlabJobTable, name: string): Lineage {
  // Every rule asks for the lineage of each job, several settings each: followed once per job and table (shared: never change it).
  let known = LINEAGES.get(table);
  if (!known) LINEAGES.set(table, (known = new Map()));
  let lineage = known.get(name);
  if (!lineage) known.set(name, (lineage = followLineage(table, name)));
  return lineage;
}

const LINEAGES = new WeakMap<GitlabJobTable, Map<string, Lineage>>();

function followLineage(table: GitlabJobTable, name: string): Lineage {
  const lineage: Lineage = { sections: [], complete: true };
  const visit = (current: string, depth: number, seen: ReadonlySet<string>) => {
    const definitions = table.definitions.get(current);
    if (!definitions) {
      lineage.complete = false;
      lineage.missing ??= current;
      return;
    }
    lineage.sections.push(...definitions);
    if (depth >= MAX_EXTENDS_DEPTH) return;
    // Arrays are replaced, not merged: the nearest definition that names parents decides them.
    const parents = definitions.find((definition) => definition.job.extends.length > 0)?.job.extends ?? [];
    for (const parent of [...parents].reverse()) {
      if (!seen.has(parent)) visit(parent, depth + 1, new Set([...seen, parent]));
    }
  };
  visit(name, 0, new Set([name]));
  // A job (not a template) with nothing to run here, in a pipeline not read in full, overrides a job of a file that
  // was not read (a component's `sast:` given other rules): the rest of its configuration is there.
  if (lineage.complete && !table.complete && !name.startsWith('.') && !lineage.sections.some(runsSomething)) {
    lineage.complete = false;
    lineage.missing = `the rest of ${name}`;
  }
  return lineage;
}

/** A job defines what it runs with `script:`, `trigger:` or `run:`. */
function runsSomething(at: SectionAt): boolean {
  return at.section.scripts.script !== undefined || at.section.settings.trigger !== undefined || at.section.settings.run !== undefined;
}

/** Keywords a job takes from `default:` when it does not set them itself. */
const DEFAULTABLE = new Set([
  'image',
  'services',
  'before_script',
  'after_script',
  'cache',
  'artifacts',
  'interruptible',
  'timeout',
  'retry',
  'tags',
  'hooks',
  'id_tokens',
]);

/**
 * The value a job uses for a dotted key path (`interruptible`,
 * `artifacts.expire_in`): from the job or a template it extends, else from
 * `default:` for keywords default can set — only when the job sets no part of
 * that keyword (a job's own `artifacts:` replaces the default's whole map).
 */
export function jobSetting(
  table: GitlabJobTable,
  name: string,
  path: string,
  lineage: Lineage = jobLineage(table, name),
): Resolved<GitlabSetting> | undefined {
  for (const at of lineage.sections) {
    const value = at.section.settings[path];
    if (value !== undefined) return { value, path: at.path, line: at.line };
  }
  const dot = path.indexOf('.');
  const keyword = dot < 0 ? path : path.slice(0, dot);
  if (lineage.sections.some((at) => at.section.settings[keyword] !== undefined)) return undefined;
  if (!inheritsDefault(table, name, keyword, lineage)) return undefined;
  for (const at of table.defaults) {
    const value = at.section.settings[path];
    if (value !== undefined) return { value, path: at.path, line: at.line };
  }
  return undefined;
}

/** Whether the job takes `keyword` from `default:` (`inherit: default: false`, or a list of the keywords it does take). */
export function inheritsDefault(table: GitlabJobTable, name: string, keyword: string, lineage = jobLineage(table, name)): boolean {
  if (!DEFAULTABLE.has(keyword)) return false;
  // The nearest section that says (a loop: every rule asks this for each job and setting).
  let inherit: GitlabSetting | undefined;
  for (const at of lineage.sections) {
    inherit = at.section.settings['inherit.default'];
    if (inherit !== undefined) break;
  }
  if (inherit === undefined || inherit === true) return true;
  if (typeof inherit === 'string') return inherit !== 'false';
  return inherit.includes(keyword);
}

/** A script line with the file it is written in. */
export interface ScriptLine {
  text: string;
  path: string;
  line: number;
}

/** A job's script lines for a keyword, `!reference`s followed; `unknown` names a reference that could not be followed. */
export interface JobScript {
  lines: ScriptLine[];
  unknown?: string;
}

const MAX_REFERENCE_DEPTH = 10;

/** The script a job runs for a keyword: its own or a template's, else `default:`'s (before/after_script), references followed. */
export function jobScript(
  table: GitlabJobTable,
  name: string,
  keyword: GitlabScriptKeyword,
  lineage: Lineage = jobLineage(table, name),
): JobScript {
  const own = lineage.sections.find((at) => at.section.scripts[keyword] !== undefined);
  if (own) return scriptOf(table, own, keyword, 0);
  if (!inheritsDefault(table, name, keyword, lineage)) return { lines: [] };
  const fallback = table.defaults.find((at) => at.section.scripts[keyword] !== undefined);
  return fallback ? scriptOf(table, fallback, keyword, 0) : { lines: [] };
}

function scriptOf(table: GitlabJobTable, at: SectionAt, keyword: GitlabScriptKeyword, depth: number): JobScript {
  return followReferences(table, at.section.scripts[keyword] ?? [], at.path, depth);
}

function followReferences(table: GitlabJobTable, items: readonly GitlabScriptItem[], path: string, depth: number): JobScript {
  const script: JobScript = { lines: [] };
  for (const item of items) {
    if ('text' in item) {
      script.lines.push({ text: item.text, path, line: item.line });
      continue;
    }
    const [job, keyword] = item.reference;
    const target =
      depth < MAX_REFERENCE_DEPTH && item.reference.length === 2 && isScriptKeyword(keyword)
        ? jobLineage(table, job).sections.find((at) => at.section.scripts[keyword] !== undefined)
        : undefined;
    if (!target) {
      script.unknown ??= `!reference [${item.reference.join(', ')}]`;
      continue;
    }
    const referenced = scriptOf(table, target, keyword as GitlabScriptKeyword, depth + 1);
    script.lines.push(...referenced.lines);
    if (referenced.unknown) script.unknown ??= referenced.unknown;
  }
  return script;
}

function isScriptKeyword(keyword: string | undefined): keyword is GitlabScriptKeyword {
  return keyword === 'before_script' || keyword === 'script' || keyword === 'after_script';
}
