// Every wait in the editor tests goes through here: a condition polled until it holds,
// bounded by a deadline, so nothing depends on a guessed fixed sleep.

export interface WaitOptions {
  /** What is being waited for, used in the timeout error. */
  description: string;
  timeoutMs: number;
  /** Pause between two checks of the condition. */
  pollMs?: number;
}

/**
 * Resolves with the condition's first truthy result. Rejects when the deadline passes, or
 * as soon as the condition throws (a condition throws to say "this will never hold").
 */
export async function waitFor<T>(
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  options: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const pollMs = options.pollMs ?? 100;
  for (;;) {
    const result = await condition();
    if (result !== undefined && result !== false) return result;
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.description}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Races a promise against a deadline, naming what timed out. */
export async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, description: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
