import type { Reader } from '../reader';
import { addDependency, addManifest, pep508Name } from './dependencies';

/** "name[extras]==1.2.3" with only a marker or hashes after it: one exact version, nothing else. */
const EXACT_PIN = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?\s*===?\s*[^\s,;<>!~=*]+\s*(?:;[^-]*)?(?:\s--hash=\S+)*\s*$/;

/**
 * pip requirements files (requirements.txt, requirements-dev.txt,
 * requirements/base.txt). A file that pins every requirement with `==` is a
 * lock in all but name (pip-compile writes exactly that).
 */
export const requirementsTxtReader: Reader = {
  id: 'requirements.txt',
  relevance: { basenameGlobs: ['requirements*.txt', '*-requirements.txt'], pathGlobs: ['**/requirements/*.txt'] },
  accepts: (relative, basename) => /^requirements.*\.txt$|-requirements\.txt$/.test(basename) || /(^|\/)requirements\/[^/]+\.txt$/.test(relative),
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
      const line = logical.replace(/(^|\s)#.*$/, '').trim();
      logical = '';
      if (line === '' || line.startsWith('-')) return;
      const name = pep508Name(line);
      if (!name) return;
      requirements++;
      if (EXACT_PIN.test(line)) pinned++;
      addDependency(facts, 'pypi', name, file.path, startLine);
    });
    if (requirements > 0 && pinned === requirements) {
      facts.settings.push({ what: 'requirements-pinned', value: `${file.relative} pins all ${requirements} requirements`, at: { path: file.path, line: 0 } });
    }
  },
};
