/**
 * GitHub context values that anyone able to open an issue, a pull request or a
 * comment controls — so their text must never be pasted into a script.
 * Sources: GitHub's "Security hardening for GitHub Actions" list of untrusted
 * inputs, as also used by zizmor and actionlint.
 */
const UNTRUSTED_REFERENCES: readonly RegExp[] = [
  /\bgithub\.head_ref\b/,
  /\bgithub\.event\.(?:issue|pull_request|discussion)\.(?:title|body)\b/,
  /\bgithub\.event\.(?:comment|review|review_comment|discussion_comment)\.body\b/,
  /\bgithub\.event\.pull_request\.head\.(?:ref|label|repo\.default_branch)\b/,
  // Between a list and its field one index or "*" (`pages[0].page_name`, `pages.*.page_name`): one reading per text, linear.
  /\bgithub\.event\.pages(?:\[[\w*]*\]|\.\*)?\.page_name\b/,
  /\bgithub\.event\.(?:head_commit|workflow_run\.head_commit)\.(?:message|author\.(?:email|name))\b/,
  /\bgithub\.event\.commits(?:\[[\w*]*\]|\.\*)?\.(?:message|author\.(?:email|name))\b/,
  /\bgithub\.event\.workflow_run\.(?:head_branch|display_title)\b/,
  /\bgithub\.event\.workflow_run\.pull_requests(?:\[[\w*]*\]|\.\*)?\.head\.ref\b/,
];

/** A `${{ … }}` expression in some text, with its offset. */
export interface Expression {
  index: number;
  /** The whole `${{ … }}` text. */
  text: string;
  /** The untrusted context reference inside it, e.g. "github.event.issue.title". */
  untrusted: string;
  /** When the value reaches the expression indirectly: the name it is read through, e.g. "env.TITLE". */
  via?: string;
}

/** Finds an untrusted value in an expression body that the context list alone does not name (a tainted `env.*`, …). */
export type IndirectClassifier = (expression: string) => { via: string; source: string } | undefined;

/**
 * The expressions in `text` that expand attacker-controlled values. Found with
 * indexOf: the lazy `\$\{\{([\s\S]*?)\}\}` rescanned to the end of the text
 * from every unclosed "${{" (quadratic).
 */
export function findUntrustedExpressions(text: string, indirect?: IndirectClassifier): Expression[] {
  const found: Expression[] = [];
  for (let open = text.indexOf('${{'); open >= 0; ) {
    const close = text.indexOf('}}', open + 3);
    if (close < 0) break; // nothing after this closes either
    const body = text.slice(open + 3, close);
    const untrusted = untrustedReference(body);
    const through = untrusted === undefined ? indirect?.(body) : undefined;
    if (untrusted !== undefined) found.push({ index: open, text: text.slice(open, close + 2), untrusted });
    else if (through) found.push({ index: open, text: text.slice(open, close + 2), untrusted: through.source, via: through.via });
    open = text.indexOf('${{', close + 2);
  }
  return found;
}

/** The first untrusted context reference in an expression body, if any. */
export function untrustedReference(expression: string): string | undefined {
  for (const pattern of UNTRUSTED_REFERENCES) {
    const match = pattern.exec(expression);
    if (match) return match[0];
  }
  return undefined;
}

/** Context and structure names that say nothing about the value (`steps.meta.outputs.title` → META_TITLE). */
const CONTEXT_WORDS = new Set(['github', 'event', 'env', 'matrix', 'steps', 'needs', 'outputs', 'inputs']);

/**
 * An environment variable name for a context reference: its last two meaningful
 * segments, upper-cased — `github.event.issue.title` → `ISSUE_TITLE`,
 * `github.head_ref` → `HEAD_REF`.
 */
export function envNameFor(reference: string): string {
  const segments = reference
    .replace(/\[[^\][]*\]/g, '')
    .split('.')
    .filter((segment) => segment !== '' && segment !== '*' && !CONTEXT_WORDS.has(segment));
  const name = segments
    .slice(-2)
    .join('_')
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, '_');
  return name === '' ? 'UNTRUSTED_INPUT' : name;
}
