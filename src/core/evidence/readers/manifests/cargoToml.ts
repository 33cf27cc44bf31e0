import { queryPath, scalarText } from '../../parsers/locatedTree';
import type { Reader } from '../reader';
import { readTomlFile } from '../tomlFile';
import { addDependency, addManifest } from './dependencies';

/** Cargo.toml: dependencies of every kind (target-specific too) and package.rust-version. */
export const cargoTomlReader: Reader = {
  id: 'Cargo.toml',
  relevance: { basenames: ['Cargo.toml'] },
  accepts: (_relative, basename) => basename === 'Cargo.toml',
  read(file, facts) {
    const root = readTomlFile(file, facts);
    addManifest(facts, 'cargo', file.path);
    facts.structured.push({ path: file.path, relative: file.relative, format: 'toml', root });
    const tables = [
      'dependencies',
      'dev-dependencies',
      'build-dependencies',
      'workspace.dependencies',
      'target.*.dependencies',
      'target.*.dev-dependencies',
    ].flatMap((path) => queryPath(root, path));
    for (const table of tables) {
      if (table.kind !== 'map') continue;
      for (const entry of table.entries) addDependency(facts, 'cargo', entry.key, file.path, entry.keyLine);
    }
    for (const pin of queryPath(root, 'package.rust-version')) {
      const version = scalarText(pin);
      if (version) facts.settings.push({ what: 'runtime-pin', value: `rust ${version}`, at: { path: file.path, line: pin.line } });
    }
  },
};
