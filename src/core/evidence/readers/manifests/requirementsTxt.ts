import type { Reader } from '../reader';
import { addDependency, addManifest, pep508Name } from './dependencies';
import { withoutHashComment } from '../lineText';

/** "name[extras]==1.2.3": the part of an exact pin before any marker or hashes (each region has one quantifier). */
const EXACT_PIN_HEAD = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?\s*===?\s*[^\s,;<>!~=*]+/;

/**
 * "name[extras]==1.2.3" with only a marker (`; python_version < "3.11"`) or
 * hashes (`--hash=sha256:…`) after it: one exact version, nothing else. Read
 * in steps: as one regular expression its optional whitespace runs overlapped
 * and a long line of tabs took quadratic time.
 */
export function isExactPin(line: string): boolean {
  const head = EXACT_PIN_HEAD.exec(line);
  if (!head) return false;
  let rest = line.slice(head[0].length);
  const trimmed = rest.trimStart();
  if (trimmed.startsWith(';')) {
    // A marker runs up to the first "-" (of the first --hash), which needs whitespace before it.
    const dash = trimmed.indexOf('-');
    if (dash > 0 && !/\s/.test(trimmed[dash - 1])) return false;
    rest = dash < 0 ? '' : trimmed.slice(dash);
  } else if (trimmed !== '' && trimmed === rest) return false;
  const tokens = rest.trim() === '' ? [] : rest.trim().split(/\s+/);
  return tokens.every((token) => token.startsWith('--hash=') && token.length > '--hash='.length);
}

/**
 * pip requirements files (requirements.txt, requirements-dev.txt,
 * requirements/base.txt). A file that pins every requirement with `==` is a
 * lock in all but name (pip-compile writes exactly that).
 */
export const requirementsTxtReader: Reader = {
  id: 'requirements.txt',
  relevance: { basenameGlobs: ['requirements*.txt', '*-requirements.txt'], pathGlobs: ['**/requirements/*.txt'] },
  accepts: (relative, basename) =>
    /^requirements.*\.txt$|-requirements\.txt$/.test(basename) || /(^|\/)requirements\/[^/]+\.txt$/.test(relative),
  read(file, facts) {
    addManifest(facts, 'pypi', file.path);
    let requirements = 0;
    let pinned = 0;
    const lines = file.text.split(/\r?\n/);
    // A requirement may continue over lines ending in "\" (hashes): judge the logical line.
    let logical = '';
    let startLine = 0;
    lines.forEach((raw, index) => {
      if (logical === '') startLine = index;
      logical += raw.replace(/\\$/, ' ');
      if (raw.endsWith('\\')) return;
      const line = withoutHashComment(logical).trim();
      logical = '';
      if (line === '' || line.startsWith('-')) return;
      const name = pep508Name(line);
      if (!name) return;
      requirements++;
      if (isExactPin(line)) pinned++;
      addDependency(facts, 'pypi', name, file.path, startLine);
    });
    if (requirements > 0 && pinned === requirements) {
      facts.settings.push({
        what: 'requirements-pinned',
        value: `${file.relative} pins all ${requirements} requirements`,
        at: { path: file.path, line: 0 },
      });
    }
  },
};
