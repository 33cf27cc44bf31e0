// The action's inputs (action.yml), as the runner hands them over: `INPUT_<NAME>` with the
// name upper-cased and spaces turned into `_` (hyphens stay: `INPUT_FAIL-ON`).

export interface ActionInputs {
  /** The folder to check, relative to the repository root. */
  path: string;
  /** Assess as if this stage were declared (empty: the declared one). */
  stage?: string;
  failOn: string;
  /** The report printed to the job log: any `check --format`. */
  format: string;
  /** Where to write SARIF 2.1.0 (empty: no file). */
  sarifFile?: string;
}

export function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  return {
    path: input(env, 'path') || '.',
    stage: input(env, 'stage') || undefined,
    failOn: input(env, 'fail-on') || 'warning',
    format: input(env, 'format') || 'text',
    sarifFile: input(env, 'sarif-file') || undefined,
  };
}
