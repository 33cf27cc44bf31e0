import { isAlias, isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Document, Node, YAMLMap } from 'yaml';
import { findPair, mapEntries, scalarString, seqItems } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import { GITLAB_GLOBAL_KEYWORDS } from './gitlabKeywords';
import { anchoredNode } from '../../rules/yaml/aliasTargets';

/**
 * One GitLab CI file (`.gitlab-ci.yml` or a file it includes) as plain data:
 * what it includes, its `default:` section and, per job, the jobs it extends,
 * its settings and its scripts. Read once from the parsed YAML by the same
 * function for the rules and for the evidence scan, so the pipeline a file
 * belongs to (core/ci/gitlabPipelines.ts) — and whether it runs the tests — is
 * decided from the same facts on both sides. Plain JSON-like data: it travels
 * in WorkspaceFacts, which the editor compares as JSON.
 */
export interface GitlabCiFileModel {
  /** Absolute (or repository-relative) POSIX path of the file. */
  path: string;
  includes: GitlabInclude[];
  defaults?: GitlabSection;
  jobs: GitlabJobModel[];
  /** Zero-based lines of the top-level `stages:` and `include:` keys (where pipeline-wide findings are anchored). */
  stagesLine?: number;
  includeLine?: number;
  /**
   * The child pipelines its jobs start from a file of the project
   * (`trigger: include: local: ci/deploy.yml`, or the short `trigger: include: ci/deploy.yml`);
   * absent when none. A child pipeline is a pipeline of its own, not part of this one.
   */
  children?: GitlabInclude[];
}

/**
 * One `include:` entry. `local` files are read when the scan read them; the
 * others (another project's file, a URL, a GitLab template, a CI/CD
 * component) cannot be, and leave the pipeline partly unknown.
 */
export interface GitlabInclude {
  kind: 'local' | 'project' | 'remote' | 'template' | 'component' | 'unknown';
  /** The path, URL, template or component as written (`project:file` for a project's file). */
  target: string;
  line: number;
}

/** A job's or `default:`'s keywords. */
export interface GitlabSection {
  /**
   * Every keyword the section sets, as a dotted path (`stage`,
   * `artifacts.expire_in`, `artifacts.reports.junit`, `inherit.default`)
   * with its value: a scalar's text, a list of scalars' texts, or `true` for
   * anything else (a map's own entry, a list of maps, a `!reference`). Maps
   * are flattened three levels deep; `variables:` and the scripts are not
   * settings.
   */
  settings: Record<string, GitlabSetting>;
  /** `before_script`, `script`, `after_script`, when the section sets them. */
  scripts: Partial<Record<GitlabScriptKeyword, GitlabScriptItem[]>>;
}

export type GitlabSetting = string | string[] | true;

export const GITLAB_SCRIPT_KEYWORDS = ['before_script', 'script', 'after_script'] as const;
export type GitlabScriptKeyword = (typeof GITLAB_SCRIPT_KEYWORDS)[number];

/** A script line as written (and the zero-based line its text starts on), or a `!reference [job, keyword]` to another job's. */
export type GitlabScriptItem = { text: string; line: number } | { reference: string[]; line: number };

export interface GitlabJobModel extends GitlabSection {
  name: string;
  /** Zero-based line of the job's key. */
  line: number;
  /** `.name`: a template that runs only through `extends:` or `!reference`. */
  hidden: boolean;
  /** The jobs it `extends:`, in the order written (later ones take precedence). */
  extends: string[];
}

const MAX_SETTING_DEPTH = 3;
const MAX_SCRIPT_NESTING = 10;
/** Keys that are no setting: `extends:` is kept apart, and variables are read by the rules from the file itself. */
const NOT_SETTINGS = new Set<string>(['extends', 'variables']);

/** The model of a parsed GitLab CI file, or undefined when its pipeline document is not a map. */
export function readGitlabCiModel(file: YamlFile, path: string): GitlabCiFileModel | undefined {
  const document = gitlabPipelineDocument(file);
  const root = document?.contents;
  if (!document || !isMap(root)) return undefined;
  const reader = new SectionReader(file, document);
  const model: GitlabCiFileModel = { path, includes: readIncludes(file, findPair(root, 'include')?.value), jobs: [] };
  const stagesLine = lineOf(file, findPair(root, 'stages')?.key);
  const includeLine = lineOf(file, findPair(root, 'include')?.key);
  if (stagesLine !== undefined) model.stagesLine = stagesLine;
  if (includeLine !== undefined) model.includeLine = includeLine;
  const defaults = readDefaults(reader, root);
  if (defaults) model.defaults = defaults;
  for (const [name, pair] of mapEntries(root)) {
    const value = reader.resolveAlias(pair.value);
    if (GITLAB_GLOBAL_KEYWORDS.has(name) || !isMap(value)) continue;
    const children = childPipelines(file, reader.resolveAlias(findPair(value, 'trigger')?.value));
    if (children.length > 0) model.children = [...(model.children ?? []), ...children];
    model.jobs.push({
      name,
      line: lineOf(file, pair.key) ?? 0,
      hidden: name.startsWith('.'),
      extends: extendsNames(findPair(value, 'extends')?.value),
      ...reader.section(value),
    });
  }
  return model;
}

/** Top-level keywords GitLab still applies to every job as defaults (deprecated in favour of `default:`). */
const GLOBAL_DEFAULTS = ['image', 'services', 'cache', 'before_script', 'after_script'];

/** `default:`, with the deprecated top-level defaults beneath it (`default:` wins where both set a keyword). */
function readDefaults(reader: SectionReader, root: YAMLMap): GitlabSection | undefined {
  const globals = reader.section(root, GLOBAL_DEFAULTS);
  const value = reader.resolveAlias(findPair(root, 'default')?.value);
  const own = isMap(value) ? reader.section(value) : undefined;
  const hasGlobals = Object.keys(globals.settings).length > 0 || Object.keys(globals.scripts).length > 0;
  if (!own) return hasGlobals ? globals : undefined;
  if (!hasGlobals) return own;
  const overridden = (key: string) => own.settings[key] !== undefined || own.scripts[key as GitlabScriptKeyword] !== undefined;
  const settings = Object.fromEntries(Object.entries(globals.settings).filter(([path]) => !overridden(path.split('.')[0])));
  return { settings: { ...settings, ...own.settings }, scripts: { ...globals.scripts, ...own.scripts } };
}

/**
 * The document holding the jobs: the first one, or — in a CI/CD component or a
 * file with `spec: inputs:` — the one after the `spec:` header document.
 */
export function gitlabPipelineDocument(file: YamlFile): Document.Parsed | undefined {
  const [first, second] = file.documents;
  const contents = first?.contents;
  const isSpecHeader = isMap(contents) && contents.items.length > 0 && mapEntries(contents).every(([key]) => key === 'spec');
  return isSpecHeader && second !== undefined ? second : first;
}

/** `include:` as a string, a map, or a list of strings and maps (GitLab's short and long forms). */
function readIncludes(file: YamlFile, value: unknown): GitlabInclude[] {
  const entries = isSeq(value) ? value.items : value === undefined || value === null ? [] : [value];
  const includes: GitlabInclude[] = [];
  for (const entry of entries) {
    const line = lineOf(file, entry as Node) ?? 0;
    const short = scalarString(entry);
    if (short !== undefined) {
      const remote = short.startsWith('https://') || short.startsWith('http://');
      includes.push({ kind: remote ? 'remote' : 'local', target: short, line });
      continue;
    }
    const text = (key: string) => scalarString(findPair(entry, key)?.value);
    const local = text('local');
    const project = text('project');
    const remote = text('remote');
    const template = text('template');
    const component = text('component');
    if (local !== undefined) includes.push({ kind: 'local', target: local, line });
    else if (project !== undefined) {
      const files = findPair(entry, 'file')?.value;
      const names = [scalarString(files), ...seqItems(files).map(scalarString)].filter((name): name is string => name !== undefined);
      includes.push({ kind: 'project', target: `${project}:${names.join(',')}`, line });
    } else if (remote !== undefined) includes.push({ kind: 'remote', target: remote, line });
    else if (template !== undefined) includes.push({ kind: 'template', target: template, line });
    else if (component !== undefined) includes.push({ kind: 'component', target: component, line });
    else includes.push({ kind: 'unknown', target: '', line });
  }
  return includes;
}

/**
 * The local files a job's `trigger:` starts as child pipelines: `trigger: include:` as a path, a map with
 * `local:` or a list of those. Another project's file, a template and a generated file (`artifact:`) cannot
 * be read here and are left out: the job's pipeline counts them unknown through its `trigger` setting.
 */
function childPipelines(file: YamlFile, trigger: unknown): GitlabInclude[] {
  if (!isMap(trigger)) return [];
  return readIncludes(file, findPair(trigger, 'include')?.value).filter((include) => include.kind === 'local');
}

function extendsNames(value: unknown): string[] {
  const single = scalarString(value);
  if (single !== undefined) return [single];
  return seqItems(value)
    .map(scalarString)
    .filter((name): name is string => name !== undefined);
}

/** Reads sections of one document (aliases resolve against it, `<<: *anchor` merges under the section's own keys). */
class SectionReader {
  constructor(
    private readonly file: YamlFile,
    private readonly document: Document.Parsed,
  ) {}

  /** A job's or `default:`'s keywords; only those in `only` when given (the top level's global defaults). */
  section(map: YAMLMap, only?: readonly string[]): GitlabSection {
    const section: GitlabSection = { settings: {}, scripts: {} };
    for (const [key, value] of this.entries(map)) {
      if (only && !only.includes(key)) continue;
      if ((GITLAB_SCRIPT_KEYWORDS as readonly string[]).includes(key)) {
        section.scripts[key as GitlabScriptKeyword] = this.scriptItems(value, 0);
      } else if (!NOT_SETTINGS.has(key)) {
        this.addSetting(section.settings, key, value, 1);
      }
    }
    return section;
  }

  resolveAlias(node: unknown): unknown {
    return isAlias(node) ? anchoredNode(this.document, node) : node;
  }

  /** A map's entries, the ones merged in with `<<:` first, so the map's own keys override them. */
  private entries(map: unknown, depth = 0): Array<[string, unknown]> {
    if (!isMap(map) || depth > MAX_SETTING_DEPTH) return [];
    const merged: Array<[string, unknown]> = [];
    const own: Array<[string, unknown]> = [];
    for (const [key, pair] of mapEntries(map)) {
      if (key === '<<') {
        const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
        for (const source of sources) merged.push(...this.entries(this.resolveAlias(source), depth + 1));
      } else own.push([key, this.resolveAlias(pair.value)]);
    }
    // Most maps merge nothing: their own entries are the answer (every job's every map is read so).
    if (merged.length === 0) return own;
    const ownKeys = new Set(own.map(([key]) => key));
    return [...merged.filter(([key]) => !ownKeys.has(key)), ...own];
  }

  private addSetting(settings: Record<string, GitlabSetting>, path: string, value: unknown, depth: number): void {
    const text = scalarString(value);
    if (text !== undefined) {
      settings[path] = text;
      return;
    }
    if (isSeq(value) && value.tag !== '!reference') {
      const items = value.items.map((item) => scalarString(this.resolveAlias(item)));
      settings[path] = items.every((item): item is string => item !== undefined) ? items : true;
      return;
    }
    settings[path] = true;
    if (!isMap(value) || depth >= MAX_SETTING_DEPTH) return;
    for (const [key, child] of this.entries(value)) this.addSetting(settings, `${path}.${key}`, child, depth + 1);
  }

  /** A script keyword's value: a string, a list, lists nested by anchors, and `!reference` tags. */
  private scriptItems(value: unknown, depth: number): GitlabScriptItem[] {
    const node = this.resolveAlias(value);
    if (isScalar(node)) {
      const text = scalarString(node);
      const line = lineOf(this.file, node);
      if (text === undefined || line === undefined) return [];
      const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      return [{ text, line: block ? line + 1 : line }];
    }
    if (!isSeq(node) || depth > MAX_SCRIPT_NESTING) return [];
    if (node.tag === '!reference') {
      const reference = node.items.map((item) => scalarString(item)).filter((part): part is string => part !== undefined);
      return [{ reference, line: lineOf(this.file, node) ?? 0 }];
    }
    return node.items.flatMap((item) => this.scriptItems(item, depth + 1));
  }
}

function lineOf(file: YamlFile, node: Node | null | undefined): number | undefined {
  if (!node?.range) return undefined;
  return file.mapper.position(node.range[0]).line;
}
