import { posixBasename } from '../../../fileSystem';
import { holds } from '../observation';
import type { Observation } from '../observation';
import type { Derivation } from './context';

/**
 * logging.structured from winston, whose output depends on its format:
 * `format.json()` (winston's default) writes JSON lines, `format.simple()`
 * and `printf` write plain text. Where the logger is set up (see the
 * logger-setup reader) decides; a format the scan did not see leaves
 * winston's default, JSON.
 */
export const loggingSignals: Derivation = {
  signals: ['logging.structured'],
  derive({ facts }): Observation[] {
    const winston = facts.dependencies.find((dependency) => dependency.ecosystem === 'npm' && dependency.name === 'winston');
    if (!winston) return [];
    const json = facts.hits.find((hit) => hit.what === 'winston-format:json');
    if (json) return [holds('logging.structured', json.at, `winston logs JSON (${posixBasename(json.at.path)} sets a JSON format)`)];
    if (facts.hits.some((hit) => hit.what === 'winston-format:text')) return [];
    return [holds('logging.structured', winston.at, 'dependency winston (JSON unless another format is set)')];
  },
};
