// Which built suites an editor session runs. Shared by index.ts (inside the extension host,
// which learns its session from SESSION_ENV) and the runners (which start one per session).

/** Set by the runner on the extension host: the session whose suites to run. */
export const SESSION_ENV = 'STAGE_GUIDE_TEST_SESSION';
export const DEFAULT_SESSION = 'default';
/** Folder (under test/integration/ and dist-test/integration/) holding one folder per extra session. */
export const SESSIONS_DIR = 'sessions';

/**
 * Whether a built test file (path relative to dist-test/integration/, `/`-separated)
 * belongs to `session`: the default session runs everything outside sessions/, and a
 * named session runs only sessions/<name>/.
 */
export function belongsToSession(relativeFile: string, session: string): boolean {
  const parts = relativeFile.split('/');
  if (session === DEFAULT_SESSION) return parts[0] !== SESSIONS_DIR;
  return parts[0] === SESSIONS_DIR && parts[1] === session;
}
