import { child, scalarText } from '../../parsers/locatedTree';
import { yamlDocuments } from '../../parsers/yamlTree';
import type { Reader } from '../reader';
import { addDependency, addManifest } from './dependencies';
import { pinsOneVersion } from './runtimePins';

const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'];

/**
 * package.json: dependencies (runtime and dev: test and lint tools count as
 * evidence too), scripts, engines.node (when it names one major version) and
 * an embedded Renovate config.
 * Parsed with the yaml parser (JSON is YAML 1.2) to keep line numbers.
 */
export const packageJsonReader: Reader = {
  id: 'package.json',
  relevance: { basenames: ['package.json'] },
  accepts: (_relative, basename) => basename === 'package.json',
  read(file, facts) {
    const root = yamlDocuments(file.text)[0]?.root;
    if (root?.kind !== 'map') return;
    addManifest(facts, 'npm', file.path);
    facts.structured.push({ path: file.path, relative: file.relative, format: 'json', root });
    for (const section of SECTIONS) {
      const deps = child(root, section);
      if (deps?.kind !== 'map') continue;
      for (const entry of deps.entries) addDependency(facts, 'npm', entry.key, file.path, entry.keyLine);
    }
    const scripts = child(root, 'scripts');
    if (scripts?.kind === 'map') {
      for (const entry of scripts.entries) {
        const script = scalarText(entry.value);
        if (script !== undefined)
          facts.settings.push({ what: `npm-script:${entry.key}`, value: script, at: { path: file.path, line: entry.keyLine } });
      }
    }
    const node = child(child(root, 'engines'), 'node');
    const nodeVersion = scalarText(node);
    // A range (`>=12`) lets the runtime drift: only a constraint on one major version pins Node.js.
    if (node && nodeVersion && pinsOneVersion(nodeVersion, 1))
      facts.settings.push({ what: 'runtime-pin', value: `engines.node ${nodeVersion}`, at: { path: file.path, line: node.line } });
    const renovate = root.entries.find((entry) => entry.key === 'renovate');
    if (renovate)
      facts.settings.push({ what: 'renovate-config', value: 'package.json "renovate"', at: { path: file.path, line: renovate.keyLine } });
  },
};
