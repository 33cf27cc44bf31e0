import { yamlDocuments } from '../parsers/yamlTree';
import type { Reader } from './reader';
import { readTomlFile } from './tomlFile';

/** TOML files the catalogue looks inside (fly.toml, netlify.toml, wrangler.toml…), except the manifests that have their own reader. */
const OWN_READER = new Set(['pyproject.toml', 'Cargo.toml', 'Pipfile', 'libs.versions.toml']);

export const tomlConfigReader: Reader = {
  id: 'toml',
  relevance: { basenameGlobs: ['*.toml'] },
  accepts: (_relative, basename) => basename.endsWith('.toml') && !OWN_READER.has(basename),
  read(file, facts) {
    facts.structured.push({ path: file.path, relative: file.relative, format: 'toml', root: readTomlFile(file, facts) });
  },
};

/**
 * JSON documents worth looking inside: API descriptions and broker
 * definitions. Other JSON (package.json, composer.json) has its own reader;
 * the rest of a repository's JSON is data, not configuration, and is skipped.
 */
const INTERESTING_JSON_NAME = /openapi|swagger|asyncapi|definitions/i;

/** The name before ".json" mentions one of them (two tests: `(…).*\.json$` as one regex was quadratic). */
function isInterestingJson(basename: string): boolean {
  return basename.toLowerCase().endsWith('.json') && INTERESTING_JSON_NAME.test(basename.slice(0, -'.json'.length));
}

export const jsonConfigReader: Reader = {
  id: 'json',
  relevance: { basenameGlobs: ['*openapi*.json', '*swagger*.json', '*asyncapi*.json', '*definitions*.json'] },
  accepts: (_relative, basename) => isInterestingJson(basename),
  read(file, facts) {
    const root = yamlDocuments(file.text)[0]?.root;
    if (root?.kind === 'map') facts.structured.push({ path: file.path, relative: file.relative, format: 'json', root });
  },
};
