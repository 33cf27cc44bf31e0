import { child, scalarText } from '../../parsers/locatedTree';
import { yamlDocuments } from '../../parsers/yamlTree';
import type { Reader } from '../reader';
import { addDependency, addManifest } from './dependencies';
import { pinsOneVersion } from './runtimePins';

/** composer.json: require and require-dev packages; `require.php` pins the runtime. */
export const composerJsonReader: Reader = {
  id: 'composer.json',
  relevance: { basenames: ['composer.json'] },
  accepts: (_relative, basename) => basename === 'composer.json',
  read(file, facts) {
    const root = yamlDocuments(file.text)[0]?.root;
    if (root?.kind !== 'map') return;
    addManifest(facts, 'composer', file.path);
    for (const section of ['require', 'require-dev']) {
      const deps = child(root, section);
      if (deps?.kind !== 'map') continue;
      for (const entry of deps.entries) {
        if (entry.key === 'php') {
          const version = scalarText(entry.value);
          if (section === 'require' && version && pinsOneVersion(version, 2))
            facts.settings.push({ what: 'runtime-pin', value: `php ${version}`, at: { path: file.path, line: entry.keyLine } });
        } else if (!entry.key.startsWith('ext-') && !entry.key.startsWith('lib-')) {
          addDependency(facts, 'composer', entry.key, file.path, entry.keyLine);
        }
      }
    }
  },
};
