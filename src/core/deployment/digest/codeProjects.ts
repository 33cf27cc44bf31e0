import { builtinSignalCatalog } from '../../evidence/catalog/signalCatalog';
import { compileLinearGlob } from '../../glob/linearGlob';
import type { LinearGlob } from '../../glob/linearGlob';

/** The signal whose files say a folder holds code of its own: the evidence and the rules read the same list (data/signals.yml). */
const CODE_PROJECT_SIGNAL = 'code.project';

let globs: LinearGlob[] | undefined;

/**
 * The answer for each name asked (a scan asks it of every file it reads, twice: 28 globs each time, a second of
 * CPU on a 100k-file workspace); a pure function of the name, cleared when it grows past a bound.
 */
const answers = new Map<string, boolean>();
const MAX_REMEMBERED_NAMES = 16_384;

/** True when a file of this name is a project or dependency manifest (package.json, go.mod, a .csproj…). */
export function isCodeProjectFile(basename: string): boolean {
  const known = answers.get(basename);
  if (known !== undefined) return known;
  globs ??= (builtinSignalCatalog().signals.find((signal) => signal.id === CODE_PROJECT_SIGNAL)?.match?.files ?? []).map((glob) =>
    compileLinearGlob(glob),
  );
  const answer = globs.some((glob) => glob.match(basename));
  if (answers.size >= MAX_REMEMBERED_NAMES) answers.clear();
  answers.set(basename, answer);
  return answer;
}
