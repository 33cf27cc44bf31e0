import { isMap, isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { RawFinding } from '../../types';
import { isHardCodedSecret } from '../../secretLike';
import { credentialsInUrl } from '../../urlCredentials';
import { mapEntries, nodeRange, seqItems } from '../../yaml/yamlSupport';
import { lookupValue, scalarText } from '../composeModel';
import { defineRule } from '../../engine/ruleModule';
import { composeAnchors } from '../anchorPlaces';

/**
 * compose/secret-in-environment: a password, token or key written as a
 * literal in `environment:` is committed with the file and visible to anyone
 * who can read the repository. `${VAR}` references (from `.env` or the shell)
 * are fine. Names and values are judged by the shared secretLike heuristic;
 * a URL with a literal password (`DATABASE_URL: postgres://app:pw@db/app`)
 * is a secret whatever its variable is called (urlCredentials.ts, shared with k8s/secret-in-env).
 */
export const rule = defineRule('compose', {
  ruleId: 'compose/secret-in-environment',
  anchors: (compose) => composeAnchors(compose, 'service.environment'),
  detect(compose) {
    const findings: RawFinding[] = [];
    for (const service of compose.services) {
      const environment = lookupValue(compose.doc, service.map, 'environment');
      for (const { name, value, node } of assignments(environment)) {
        const range = nodeRange(compose.file, node);
        if (!range) continue;
        if (isHardCodedSecret(name, value)) {
          findings.push({
            ruleId: this.ruleId,
            range,
            message: `"${name}" of service "${service.name}" is a literal secret in the file: use \`\${${name}}\` with an untracked .env file, or Compose secrets.`,
          });
          continue;
        }
        const credentials = credentialsInUrl(value);
        if (!credentials) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `"${name}" of service "${service.name}" is a ${credentials.scheme} URL with a literal password for "${credentials.user || '(no user)'}": write the password as \`\${…}\` (e.g. \`${credentials.scheme}://${credentials.user}:\${DB_PASSWORD}@…\`) from an untracked .env file.`,
        });
      }
    }
    return findings;
  },
});

interface Assignment {
  name: string;
  value: string;
  /** The node holding the value: the map value, or the whole `NAME=value` list item. */
  node: Node;
}

/** Assignments with a scalar value, from the map form or the `NAME=value` list form (`- NAME` alone has none). */
function assignments(environment: unknown): Assignment[] {
  const found: Assignment[] = [];
  if (isMap(environment)) {
    for (const [name, pair] of mapEntries(environment)) {
      const value = scalarText(pair.value);
      if (isScalar(pair.value) && value !== undefined) found.push({ name, value, node: pair.value });
    }
    return found;
  }
  for (const item of seqItems(environment)) {
    const text = scalarText(item);
    const equals = text?.indexOf('=') ?? -1;
    if (text !== undefined && equals > 0)
      found.push({ name: text.slice(0, equals).trim(), value: text.slice(equals + 1), node: item as Node });
  }
  return found;
}
