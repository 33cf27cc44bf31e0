/**
 * What Stage Guide does in a workspace the user has not trusted (VS Code's Restricted Mode).
 *
 * The line: in Restricted Mode Stage Guide works like VS Code's own language features — it reads
 * the files the user is looking at (the file in view, the `.stage.yml` that governs it, found by
 * looking in its folder and those above) and speaks only from their own text. It does not go
 * looking: no walk of the workspace tree, and no reading a file because a repository's content
 * names it (`matrix:`). Edits the user asks for by name still happen, since the user asked and
 * each one is an undoable edit inside the workspace. Nothing Stage Guide does spawns a process or
 * reaches the network, trusted or not, so no capability covers those.
 *
 * The extension asks `isAllowed` with `workspace.isTrusted`; this table is the one place that
 * decides, so SECURITY.md, package.json's `untrustedWorkspaces` description and the sidebar's
 * notice all describe it, and unit tests hold it.
 */
export const TRUST_POLICY = {
  'stage-file': {
    untrusted: true,
    does: 'Read and check the .stage.yml that governs the file in view, and any open .stage.yml, from their own text: the matrix column, diagnostics, hovers, completions.',
  },
  'config-guidance': {
    untrusted: true,
    does: 'Diagnostics, hovers and quick fixes on an open Dockerfile, CI, compose or Kubernetes file, from its own text.',
  },
  'user-edits': {
    untrusted: true,
    does: 'Edits the user asks for by name (Set Stage, Create .stage.yml, a quick fix, Apply Fix): undoable edits to one file inside the workspace.',
  },
  'team-matrix': {
    untrusted: false,
    does: 'Follow `matrix:` in a .stage.yml to read another file (the team matrix).',
  },
  'workspace-scan': {
    untrusted: false,
    does: 'Walk the workspace tree: the evidence scan (badges, observed stages, the upgrades checklist), workspace facts for config-file rules, and every .stage.yml for the Problems view.',
  },
} as const satisfies Record<string, { untrusted: boolean; does: string }>;

export type TrustCapability = keyof typeof TRUST_POLICY;

/** Whether `capability` runs in a workspace that is (or is not) trusted. */
export function isAllowed(capability: TrustCapability, trusted: boolean): boolean {
  return trusted || TRUST_POLICY[capability].untrusted;
}

/** The capabilities that are off in an untrusted workspace, in table order. */
export function offWhenUntrusted(): TrustCapability[] {
  return (Object.keys(TRUST_POLICY) as TrustCapability[]).filter((capability) => !TRUST_POLICY[capability].untrusted);
}
