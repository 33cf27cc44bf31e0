// Measures activate() and turns a failed activation into a visible error, so a broken
// start is reported to the user instead of dying silently. Free of `vscode` so the
// behaviour can be exercised with a plain callback.

export interface ActivationInfo {
  /** How long activate() took, in milliseconds (performance.now based). */
  readonly activationMs: number;
}

/**
 * Runs `wire` (which registers the extension's features and returns its API) and adds the
 * measured duration to that API. If wiring fails, `reportFailure` gets a message with the
 * reason and the error is rethrown so VS Code also records the activation as failed.
 */
export async function measureActivation<Api extends object>(
  wire: () => Api | Promise<Api>,
  reportFailure: (message: string) => void,
  now: () => number = () => performance.now(),
): Promise<Api & ActivationInfo> {
  const started = now();
  try {
    const api = await wire();
    return { ...api, activationMs: now() - started };
  } catch (error) {
    reportFailure(`Stage Guide failed to start: ${describeError(error)}`);
    throw error;
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
