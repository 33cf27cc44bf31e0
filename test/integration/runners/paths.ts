// Paths and sessions shared by the two in-host runners (code-server and VS Code desktop).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SESSION, SESSIONS_DIR } from '../support/sessions';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * The extension under test: the repository itself (package.json + dist/extension.js), so
 * suites reach fixtures through the extension's folder in both runners.
 */
export const extensionDevelopmentPath = repoRoot;

/** The bundled run() entry, built by `npm run build:tests`. */
export const extensionTestsPath = path.join(repoRoot, 'dist-test', 'integration', 'index.js');

export const fixtureWorkspacesDir = path.join(repoRoot, 'test', 'fixtures', 'workspaces');

/** One editor window: which built suites it runs and what it opens. */
export interface Session {
  /** DEFAULT_SESSION, or the folder name under test/integration/sessions/. */
  name: string;
  /** Fixture folder or `.code-workspace` file (in the repository; runners open a copy). */
  target: string;
  /**
   * User settings merged over the runners' deterministic ones, from the session folder's
   * SESSION_SETTINGS_FILE (e.g. Workspace Trust switched on for a Restricted Mode session).
   */
  settings?: Record<string, unknown>;
}

/** Optional, in test/integration/sessions/<name>/: user settings for that session's editor. */
export const SESSION_SETTINGS_FILE = 'user-settings.json';
const sourceSessionsDir = path.join(repoRoot, 'test', 'integration', SESSIONS_DIR);

/**
 * The default session opens the mvp-service fixture and runs test/integration/*.test.ts.
 * Each folder test/integration/sessions/<name>/ is a session of its own that opens
 * test/fixtures/workspaces/<name>.code-workspace (or the folder <name>): a window cannot
 * switch workspaces without restarting its extension host.
 */
export function sessions(): Session[] {
  const found: Session[] = [{ name: DEFAULT_SESSION, target: path.join(fixtureWorkspacesDir, 'mvp-service') }];
  const builtSessions = path.join(path.dirname(extensionTestsPath), SESSIONS_DIR);
  if (!fs.existsSync(builtSessions)) return onlyWanted(found);
  for (const name of fs.readdirSync(builtSessions).sort()) {
    const workspaceFile = path.join(fixtureWorkspacesDir, `${name}.code-workspace`);
    const folder = path.join(fixtureWorkspacesDir, name);
    const target = fs.existsSync(workspaceFile) ? workspaceFile : folder;
    if (!fs.existsSync(target)) throw new Error(`session ${name}: neither ${workspaceFile} nor ${folder} exists`);
    const settingsFile = path.join(sourceSessionsDir, name, SESSION_SETTINGS_FILE);
    found.push(
      fs.existsSync(settingsFile) ? { name, target, settings: JSON.parse(fs.readFileSync(settingsFile, 'utf8')) } : { name, target },
    );
  }
  return onlyWanted(found);
}

/** `STAGE_GUIDE_TEST_SESSIONS=default,evidence-service` starts only those sessions (the bench needs one). */
export const SESSIONS_ENV = 'STAGE_GUIDE_TEST_SESSIONS';

function onlyWanted(found: Session[]): Session[] {
  const wanted = process.env[SESSIONS_ENV]
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (!wanted || wanted.length === 0) return found;
  const unknown = wanted.filter((name) => !found.some((session) => session.name === name));
  if (unknown.length > 0)
    throw new Error(`${SESSIONS_ENV}: no session ${unknown.join(', ')} (sessions: ${found.map((session) => session.name).join(', ')})`);
  return found.filter((session) => wanted.includes(session.name));
}

/** Fails early, with the command to run, when the bundles the editor loads are missing. */
export function assertBuilt(): void {
  for (const file of [path.join(repoRoot, 'dist', 'extension.js'), extensionTestsPath]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: run "npm run build:tests" first`);
  }
}
