/**
 * How to refer to an environment variable at a given place in a `run:` script,
 * so that replacing an inline `${{ … }}` by the variable keeps the script's
 * meaning. Quoting matters: inside single quotes bash does not expand `$NAME`,
 * so the variable has to step out of them (`'"${NAME}"'`).
 *
 * Scripts whose quoting cannot be followed reliably by a small scanner
 * (here-documents, PowerShell here-strings) get no answer: no fix is offered
 * rather than a wrong one.
 */

export type ShellFamily = 'posix' | 'powershell';

/** The shell family of a `shell:` value (`bash`, `sh -e {0}`, `pwsh`, …); undefined for others (cmd, python, custom). */
export function shellFamily(shell: string): ShellFamily | undefined {
  const program = shell.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (program === 'bash' || program === 'sh') return 'posix';
  if (program === 'pwsh' || program === 'powershell') return 'powershell';
  return undefined;
}

type QuoteState = 'none' | 'single' | 'double';

const POSIX_HEREDOC = /<<-?\s*['"\\]?[A-Za-z_]/;
const POWERSHELL_HERE_STRING = /@['"]\s*$/m;

/** What replaces `script[start, end)`: the expression, or the expression with the quotes around it. */
export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/**
 * The text that stands for variable `name` in place of the expression at
 * `script[index, index + length)`, or undefined when the quoting there cannot
 * be determined (or cannot hold a variable). An expression that is a whole
 * single-quoted word (`'${{ x }}'`) becomes `"${NAME}"`, quotes included.
 */
export function variableReplacement(
  script: string,
  index: number,
  length: number,
  name: string,
  shell: ShellFamily,
): Replacement | undefined {
  const end = index + length;
  if (shell === 'posix') {
    if (POSIX_HEREDOC.test(script.replace(/<<</g, ''))) return undefined;
    if (posixQuoteState(script, index) !== 'single') return { start: index, end, text: `\${${name}}` };
    if (script[index - 1] === "'" && script[end] === "'") return { start: index - 1, end: end + 1, text: `"\${${name}}"` };
    return { start: index, end, text: `'"\${${name}}"'` };
  }
  if (POWERSHELL_HERE_STRING.test(script)) return undefined;
  return powershellQuoteState(script, index) === 'single' ? undefined : { start: index, end, text: `\${env:${name}}` };
}

function posixQuoteState(script: string, index: number): QuoteState {
  let state: QuoteState = 'none';
  for (let i = 0; i < index; i++) {
    const char = script[i];
    if (state === 'single') {
      if (char === "'") state = 'none';
    } else if (state === 'double') {
      if (char === '\\') i++;
      else if (char === '"') state = 'none';
    } else if (char === '\\') {
      i++;
    } else if (char === "'") {
      state = 'single';
    } else if (char === '"') {
      state = 'double';
    } else if (char === '#' && (i === 0 || /\s/.test(script[i - 1]))) {
      const newline = script.indexOf('\n', i);
      if (newline < 0 || newline >= index) return 'none';
      i = newline;
    }
  }
  return state;
}

function powershellQuoteState(script: string, index: number): QuoteState {
  let state: QuoteState = 'none';
  for (let i = 0; i < index; i++) {
    const char = script[i];
    if (state === 'single') {
      if (char === "'" && script[i + 1] === "'") i++;
      else if (char === "'") state = 'none';
    } else if (state === 'double') {
      if (char === '`') i++;
      else if (char === '"' && script[i + 1] === '"') i++;
      else if (char === '"') state = 'none';
    } else if (char === '`') {
      i++;
    } else if (char === "'") {
      state = 'single';
    } else if (char === '"') {
      state = 'double';
    } else if (char === '#') {
      const newline = script.indexOf('\n', i);
      if (newline < 0 || newline >= index) return 'none';
      i = newline;
    }
  }
  return state;
}
