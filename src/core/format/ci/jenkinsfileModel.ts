import { braceTokens, lineAt } from '../source/braceTokens';
import type { BraceToken } from '../source/braceTokens';

/**
 * A Jenkinsfile (Groovy, declarative or scripted) as the few facts the
 * evidence needs: its stages, the shell scripts each runs (`sh '…'`,
 * `sh """…"""`, `sh(script: '…')`, `bat`), its `docker.build(…)` calls, and
 * when each stage runs (`when { branch 'main' }`, `buildingTag()`,
 * `changeRequest()`, an `input` approval). Read from the brace tokenizer,
 * never with one regular expression over the file: a quote or a brace inside
 * a string or a comment cannot mislead it.
 *
 * What cannot be known without running Groovy stays unknown: a script built
 * from variables (`sh cmd`, `sh 'make ' + target`) is left out, and a stage
 * whose `when` holds an `expression { … }`, `environment` or `not` is not
 * claimed to run on any event.
 */
export interface JenkinsfileModel {
  stages: JenkinsStage[];
}

export interface JenkinsScript {
  text: string;
  /** Zero-based line of the step (`sh`). */
  line: number;
  /** Zero-based line of the script's first line of text (a `'''` string's text starts after its opening line break). */
  textLine: number;
}

/** When a stage runs. A multibranch pipeline builds every branch push and pull request; tags only when asked. */
export interface JenkinsTriggers {
  onPush: boolean;
  onPullRequest: boolean;
  onMainPush: boolean;
  onTags: boolean;
}

export interface JenkinsStage {
  /** The stage's name, or "(pipeline)" for steps outside every stage. */
  name: string;
  line: number;
  scripts: JenkinsScript[];
  /** `docker.build("image:tag", "…")`: the literal arguments, joined. */
  dockerBuilds: Array<{ line: number; arguments: string }>;
  triggers: JenkinsTriggers;
  /** Every string the stage mentions (`dir('services/api')`): a monorepo service is found by its folder. */
  mentioned: string[];
}

/** Without `when`, a stage runs on every build the pipeline makes (tag builds too, where the job discovers tags). */
const ALWAYS: JenkinsTriggers = { onPush: true, onPullRequest: true, onMainPush: true, onTags: true };
const NEVER: JenkinsTriggers = { onPush: false, onPullRequest: false, onMainPush: false, onTags: false };
const SCRIPT_STEPS = new Set(['sh', 'bat']);
/** `when` conditions whose outcome the text cannot tell. */
const UNKNOWABLE = new Set(['expression', 'environment', 'equals', 'not', 'triggeredBy']);

/** Reads a Jenkinsfile; never throws (text that is not Groovy gives few or no stages). */
export function readJenkinsfile(text: string): JenkinsfileModel {
  const tokens = braceTokens(text, { tripleQuotes: true });
  const closing = matchingBrackets(tokens);
  const pipeline: JenkinsStage = { name: '(pipeline)', line: 0, scripts: [], dockerBuilds: [], triggers: ALWAYS, mentioned: [] };
  const stages: JenkinsStage[] = [];
  walk(text, tokens, closing, 0, tokens.length, pipeline, stages, 0);
  return { stages: pipeline.scripts.length > 0 || pipeline.dockerBuilds.length > 0 ? [pipeline, ...stages] : stages };
}

/** For each opening bracket, the index of its closing one (or the end). */
function matchingBrackets(tokens: readonly BraceToken[]): number[] {
  const closing = new Array<number>(tokens.length).fill(-1);
  const open: number[] = [];
  const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
  tokens.forEach((token, index) => {
    if (token.kind !== 'punct') return;
    if (token.value === '(' || token.value === '{' || token.value === '[') open.push(index);
    else if (pairs[token.value]) {
      // Unbalanced text: drop openers until one that matches (a stray bracket must not shift every later pair).
      while (open.length > 0 && (tokens[open[open.length - 1]] as { value: string }).value !== pairs[token.value]) open.pop();
      const opener = open.pop();
      if (opener !== undefined) closing[opener] = index;
    }
  });
  for (const opener of open) closing[opener] = tokens.length;
  return closing;
}

const MAX_DEPTH = 64;

function walk(
  text: string,
  tokens: readonly BraceToken[],
  closing: readonly number[],
  from: number,
  to: number,
  stage: JenkinsStage,
  stages: JenkinsStage[],
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    if (token.kind === 'string') {
      stage.mentioned.push(token.value);
      continue;
    }
    if (token.kind !== 'word') continue;
    const next = tokens[i + 1];
    if (token.value === 'stage' && isPunct(next, '(')) {
      const name = tokens[i + 2];
      const afterParen = closing[i + 1] + 1;
      if (name?.kind === 'string' && isPunct(tokens[afterParen], '{')) {
        const child: JenkinsStage = {
          name: name.value,
          line: lineAt(text, token.start),
          scripts: [],
          dockerBuilds: [],
          triggers: stage.triggers,
          mentioned: [name.value],
        };
        stages.push(child);
        walk(text, tokens, closing, afterParen + 1, closing[afterParen], child, stages, depth + 1);
        i = closing[afterParen];
        continue;
      }
    }
    if (token.value === 'when' && isPunct(next, '{')) {
      stage.triggers = whenTriggers(tokens, closing, i + 2, closing[i + 1], stage.triggers);
      i = closing[i + 1];
      continue;
    }
    if (token.value === 'input' && !isPunct(tokens[i - 1], '.') && !isPunct(next, ':')) {
      // An approval gate: what follows in the stage waits for a person.
      stage.triggers = { ...stage.triggers, onMainPush: false };
      continue;
    }
    if (SCRIPT_STEPS.has(token.value) && !isPunct(tokens[i - 1], '.')) {
      const script = scriptArgument(tokens, closing, i + 1);
      if (script) {
        const textLine = lineAt(text, script.textStart) + (script.value.startsWith('\n') ? 1 : 0);
        stage.scripts.push({ text: script.value.replace(/^\r?\n/, ''), line: lineAt(text, token.start), textLine });
      }
      continue;
    }
    if (token.value === 'docker' && isPunct(next, '.') && isWord(tokens[i + 2], 'build') && isPunct(tokens[i + 3], '(')) {
      const end = closing[i + 3];
      const literal = tokens.slice(i + 4, end).filter((item) => item.kind === 'string');
      stage.dockerBuilds.push({ line: lineAt(text, token.start), arguments: literal.map((item) => item.value).join(' ') });
    }
  }
}

function isPunct(token: BraceToken | undefined, value: string): boolean {
  return token?.kind === 'punct' && token.value === value;
}

function isWord(token: BraceToken | undefined, value: string): boolean {
  return token?.kind === 'word' && token.value === value;
}

type StringToken = Extract<BraceToken, { kind: 'string' }>;

/**
 * The literal script of `sh '…'`, `sh('…')`, `sh(script: '…', …)` or
 * `sh label: 'x', script: '…'`; undefined when the script is built at run
 * time (a variable, a concatenation, a method call on the string).
 */
function scriptArgument(tokens: readonly BraceToken[], closing: readonly number[], at: number): StringToken | undefined {
  const first = tokens[at];
  if (first?.kind === 'string') return literalAlone(tokens, at);
  if (isPunct(first, '(')) {
    const end = closing[at];
    const inner = tokens[at + 1];
    if (inner?.kind === 'string' && (at + 2 === end || isPunct(tokens[at + 2], ','))) return literalAlone(tokens, at + 1, end);
    return namedScript(tokens, at + 1, end);
  }
  if (first?.kind === 'word' && isPunct(tokens[at + 1], ':')) return namedScript(tokens, at, tokens.length);
  return undefined;
}

/** The string at `index` when nothing joins it to more text (`'a' + b`, `"x".trim()`). */
function literalAlone(tokens: readonly BraceToken[], index: number, end = tokens.length): StringToken | undefined {
  const token = tokens[index] as StringToken;
  const after = index + 1 < end ? tokens[index + 1] : undefined;
  if (after && after.kind === 'punct' && (after.value === '+' || after.value === '.' || after.value === '*')) return undefined;
  return token;
}

/** `script: '…'` among named arguments `key: value, key: value` (values may be words, strings or calls). */
function namedScript(tokens: readonly BraceToken[], from: number, end: number): StringToken | undefined {
  let i = from;
  while (i < end) {
    const key = tokens[i];
    if (key?.kind !== 'word' || !isPunct(tokens[i + 1], ':')) return undefined;
    if (key.value === 'script') return tokens[i + 2]?.kind === 'string' ? literalAlone(tokens, i + 2, end) : undefined;
    // Skip the value: up to the next comma at this level.
    i += 2;
    while (i < end && !isPunct(tokens[i], ',')) {
      const token = tokens[i];
      if (token.kind === 'punct' && (token.value === '}' || token.value === ')')) return undefined;
      i++;
    }
    i++;
  }
  return undefined;
}

/**
 * The events a `when { … }` lets the stage run on, within what the enclosing
 * stage allows. Conditions at the top of `when` (and in `allOf`) must all
 * hold, one in `anyOf` is enough; a condition the text cannot decide
 * (`expression`, `environment`, `not`…) makes the stage run on no event we
 * can vouch for.
 */
function whenTriggers(
  tokens: readonly BraceToken[],
  closing: readonly number[],
  from: number,
  to: number,
  outer: JenkinsTriggers,
): JenkinsTriggers {
  const conditions = whenConditions(tokens, closing, from, to, 0);
  return conditions === undefined ? NEVER : conditions.reduce(both, outer);
}

function whenConditions(
  tokens: readonly BraceToken[],
  closing: readonly number[],
  from: number,
  to: number,
  depth: number,
): JenkinsTriggers[] | undefined {
  if (depth > 8) return undefined;
  const conditions: JenkinsTriggers[] = [];
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    if (token.kind !== 'word') continue;
    if ((token.value === 'anyOf' || token.value === 'allOf') && isPunct(tokens[i + 1], '{')) {
      const inner = whenConditions(tokens, closing, i + 2, closing[i + 1], depth + 1);
      if (inner === undefined) return undefined;
      if (inner.length > 0) conditions.push(token.value === 'allOf' ? inner.reduce(both) : inner.reduce(either));
      i = closing[i + 1];
    } else if (UNKNOWABLE.has(token.value)) {
      return undefined;
    } else if (token.value === 'branch') {
      const pattern = tokens[i + 1]?.kind === 'string' ? tokens[i + 1] : tokens[i + 3];
      if (pattern?.kind !== 'string') return undefined;
      const main = ['main', 'master', '*', '**'].includes(pattern.value);
      conditions.push({ onPush: true, onPullRequest: false, onMainPush: main, onTags: false });
    } else if (token.value === 'buildingTag' || token.value === 'tag') {
      conditions.push({ onPush: false, onPullRequest: false, onMainPush: false, onTags: true });
    } else if (token.value === 'changeRequest') {
      conditions.push({ onPush: false, onPullRequest: true, onMainPush: false, onTags: false });
    }
  }
  return conditions;
}

function both(a: JenkinsTriggers, b: JenkinsTriggers): JenkinsTriggers {
  return {
    onPush: a.onPush && b.onPush,
    onPullRequest: a.onPullRequest && b.onPullRequest,
    onMainPush: a.onMainPush && b.onMainPush,
    onTags: a.onTags && b.onTags,
  };
}

function either(a: JenkinsTriggers, b: JenkinsTriggers): JenkinsTriggers {
  return {
    onPush: a.onPush || b.onPush,
    onPullRequest: a.onPullRequest || b.onPullRequest,
    onMainPush: a.onMainPush || b.onMainPush,
    onTags: a.onTags || b.onTags,
  };
}
