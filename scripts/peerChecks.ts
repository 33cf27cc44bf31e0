import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { RuleCatalog } from '../src/core/rules/engine/ruleCatalog';

/**
 * data/peer-checks.yml: the peers' important checks, each mapped to the rules
 * that cover it or to why none does. Read here (the docs generator and its
 * test), never at run time.
 */
export interface PeerTool {
  id: string;
  name: string;
  url: string;
  checks: PeerCheck[];
}

export interface PeerCheck {
  id: string;
  title: string;
  /** The rules covering it; absent when `notCovered` says why none does. */
  rules?: string[];
  notCovered?: string;
}

export function readPeerChecks(root: string): PeerTool[] {
  const data = parse(readFileSync(join(root, 'data', 'peer-checks.yml'), 'utf8')) as { tools: PeerTool[] };
  return data.tools;
}

/** `hadolint:DL3002` for a tool's check, as a rule's `peers:` writes it. */
export function peerId(tool: PeerTool, check: PeerCheck): string {
  return `${tool.id}:${check.id}`;
}

/** docs/rules/recall.md: per tool, each important check → our rules or the reason none covers it. */
export function renderRecall(tools: readonly PeerTool[], catalog: RuleCatalog): string {
  const lines = [
    '# Recall against the peers',
    '',
    '<!-- Generated from data/peer-checks.yml and data/rules/*.yml by `npm run rule-docs`; do not edit by hand. -->',
    '',
    'The checks of hadolint, kube-linter, kube-score, zizmor, Checkov, Trivy and TFLint that matter, and the Stage Guide rule that',
    "covers each — or why none does. A rule's page lists the same peer ids under *Same check in other tools*.",
    '',
  ];
  const all = tools.flatMap((tool) => tool.checks);
  const covered = all.filter((check) => check.rules && check.rules.length > 0).length;
  lines.push(`${covered} of ${all.length} checks covered.`, '');
  for (const tool of tools) {
    const toolCovered = tool.checks.filter((check) => check.rules && check.rules.length > 0).length;
    lines.push(`## ${tool.name}`, '', `[${tool.name}'s checks](${tool.url}): ${toolCovered} of ${tool.checks.length} covered.`, '');
    lines.push('| Check | What it looks for | Stage Guide |', '| --- | --- | --- |');
    for (const check of tool.checks) {
      const ours =
        check.rules && check.rules.length > 0
          ? check.rules.map((id) => `[\`${id}\`](${id}.md)${catalog.byId.has(id) ? '' : ' (unknown rule)'}`).join(', ')
          : notCoveredText(check.notCovered ?? 'no reason given');
      lines.push(`| \`${check.id}\` | ${cell(check.title)} | ${cell(ours)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** "not covered yet" reads as it is; a reason gets a lead-in. */
function notCoveredText(reason: string): string {
  return reason.startsWith('not covered') ? `N${reason.slice(1)}` : `Not covered: ${reason}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
