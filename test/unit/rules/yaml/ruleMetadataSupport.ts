import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { STAGE_IDS } from '../../../../src/core/stages';
import { REPO_ROOT } from './ruleTestSupport';

interface RuleEntry {
  id: string;
  concern: string;
  from: string;
  title: string;
  why: string;
  fix: string;
  peers: string[];
  dueSeverity?: string;
}

function concernIds(): string[] {
  const matrix = parse(readFileSync(resolve(REPO_ROOT, 'data', 'matrix.yml'), 'utf8')) as { concerns: Array<{ id: string }> };
  return matrix.concerns.map((concern) => concern.id);
}

const SENTENCE_END = /[.!?](?=\s+[A-Z`]|\s*$)/g;

/**
 * Checks data/rules/<kind>.yml: every entry is complete and well-formed, ids
 * carry the kind's prefix and are unique, and they are exactly the ids the
 * kind's detector table implements. Returns the entries.
 */
export function checkRuleMetadata(kindFile: string, prefix: string, detectorIds: readonly string[]): RuleEntry[] {
  const data = parse(readFileSync(resolve(REPO_ROOT, 'data', 'rules', kindFile), 'utf8')) as { rules: RuleEntry[] };
  assert.ok(Array.isArray(data.rules), 'top-level `rules:` list');
  const concerns = concernIds();
  const allowedKeys = new Set(['id', 'concern', 'from', 'title', 'why', 'fix', 'peers', 'dueSeverity']);
  for (const rule of data.rules) {
    const context = `${kindFile}: ${rule.id}`;
    for (const key of Object.keys(rule)) assert.ok(allowedKeys.has(key), `${context}: unknown key ${key}`);
    assert.match(rule.id, new RegExp(`^${prefix}/[a-z0-9]+(?:-[a-z0-9]+)*$`), context);
    assert.ok(concerns.includes(rule.concern), `${context}: concern ${rule.concern}`);
    assert.ok((STAGE_IDS as readonly string[]).includes(rule.from), `${context}: stage ${rule.from}`);
    for (const key of ['title', 'why', 'fix'] as const)
      assert.ok(typeof rule[key] === 'string' && rule[key].trim().length > 0, `${context}: ${key}`);
    const sentences = rule.why.trim().match(SENTENCE_END)?.length ?? 0;
    assert.ok(sentences >= 1 && sentences <= 2, `${context}: why has ${sentences} sentences, want 1–2`);
    assert.ok(Array.isArray(rule.peers), `${context}: peers`);
    for (const peer of rule.peers) assert.match(peer, /^[a-z-]+:[A-Za-z0-9_.-]+$/, `${context}: peer ${peer}`);
    if (rule.dueSeverity !== undefined) assert.ok(['info', 'warning'].includes(rule.dueSeverity), `${context}: dueSeverity`);
  }
  const ids = data.rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  assert.deepEqual([...ids].sort(), [...detectorIds].sort(), 'the metadata and the detector table name the same rules');
  return data.rules;
}
