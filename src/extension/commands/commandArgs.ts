// The optional argument Stage Guide's commands accept, so tests, the sidebar
// and menus can run them without prompts. Pure (no `vscode`): the URI type and
// how to recognise one are passed in.

export interface StageCommandArgs<U> {
  /** A stage as written in `.stage.yml` (id, display name or alias). */
  stage?: string;
  /** The file or folder the command is about (Set Stage: whose `.stage.yml`; Create: where). */
  uri?: U;
  /** Set Stage: when no `.stage.yml` governs, create one instead of asking. */
  createIfMissing: boolean;
}

/**
 * Accepts what callers pass: nothing, a stage string, a URI (explorer menus
 * pass the clicked resource), or `{ stage?, uri?, folder?, createIfMissing? }`
 * where a URI may also be given as a string. Anything else is ignored rather
 * than thrown at the user.
 */
export function readCommandArgs<U>(
  arg: unknown,
  isUri: (value: unknown) => value is U,
  parseUri: (text: string) => U | undefined,
): StageCommandArgs<U> {
  if (typeof arg === 'string') return { stage: arg, createIfMissing: false };
  if (isUri(arg)) return { uri: arg, createIfMissing: false };
  if (typeof arg !== 'object' || arg === null) return { createIfMissing: false };
  const record = arg as Record<string, unknown>;
  const args: StageCommandArgs<U> = { createIfMissing: record.createIfMissing === true };
  if (typeof record.stage === 'string' && record.stage.trim().length > 0) args.stage = record.stage;
  const where = record.uri ?? record.folder;
  if (isUri(where)) args.uri = where;
  else if (typeof where === 'string' && where.length > 0) args.uri = parseUri(where);
  return args;
}
