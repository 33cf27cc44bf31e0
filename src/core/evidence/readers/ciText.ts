import type { TreeValue } from '../parsers/locatedTree';

/** Every scalar under a node, as text: what a job "mentions" (paths, working directories, arguments). */
export function allScalarText(node: TreeValue | undefined, out: string[] = []): string[] {
  if (!node) return out;
  if (node.kind === 'scalar') {
    if (node.value !== null) out.push(String(node.value));
  } else if (node.kind === 'list') {
    for (const item of node.items) allScalarText(item, out);
  } else {
    for (const entry of node.entries) {
      out.push(entry.key);
      allScalarText(entry.value, out);
    }
  }
  return out;
}

/** Branch names that mean "the main line": main, master, or a glob that covers them. */
export function coversMainBranch(branches: string[]): boolean {
  return branches.some(
    (branch) => ['main', 'master', '*', '**', 'trunk'].includes(branch.trim()) || /^\$CI_DEFAULT_BRANCH$/.test(branch.trim()),
  );
}
