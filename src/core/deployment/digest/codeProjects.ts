import { memoizedByText } from '../../memoizedByText';
import { forgottenWhenScansEnd } from '../../scanLifetime';
import { builtinSignalCatalog } from '../../evidence/catalog/signalCatalog';
import { compileLinearGlob } from '../../glob/linearGlob';
import type { LinearGlob } from '../../glob/linearGlob';

/** The signal whose files say a folder holds code of its own: the evidence and the rules read the same list (data/signals.yml). */
const CODE_PROJECT_SIGNAL = 'code.project';

let globs: LinearGlob[] | undefined;

/**
 * True when a file of this name is a project or dependency manifest (package.json, go.mod, a .csproj…). Asked of
 * every file a scan reads, twice (28 globs each time: a second of CPU on a 100k-file workspace): answered once per name.
 */
export const isCodeProjectFile = memoizedByText((basename) => {
  globs ??= (builtinSignalCatalog().signals.find((signal) => signal.id === CODE_PROJECT_SIGNAL)?.match?.files ?? []).map((glob) =>
    compileLinearGlob(glob),
  );
  return globs.some((glob) => glob.match(basename));
}, 16_384);
forgottenWhenScansEnd(isCodeProjectFile.forget);
