import type { Ecosystem, EvidenceFacts } from '../../facts';

/** PyPI compares names case-insensitively with runs of "-", "_" and "." equal (PEP 503). */
export function normalizePypiName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

export function addDependency(facts: EvidenceFacts, ecosystem: Ecosystem, name: string, path: string, line: number | undefined): void {
  const trimmed = name.trim();
  if (trimmed === '') return;
  const normalized =
    ecosystem === 'pypi'
      ? normalizePypiName(trimmed)
      : ecosystem === 'rubygems' || ecosystem === 'cargo' || ecosystem === 'composer'
        ? trimmed.toLowerCase()
        : trimmed;
  facts.dependencies.push({ ecosystem, name: normalized, at: line === undefined ? { path } : { path, line } });
}

export function addManifest(facts: EvidenceFacts, ecosystem: Ecosystem, path: string): void {
  facts.manifests.push({ ecosystem, path });
}

/** The name of a PEP 508 requirement ("Django[argon2]>=4.2; python_version>'3.8'" → "Django"). */
export function pep508Name(requirement: string): string | undefined {
  return /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement)?.[1];
}
