import { child, entriesOf, expandLists, queryPath, scalarText } from '../../parsers/locatedTree';
import type { TreeValue } from '../../parsers/locatedTree';
import type { Reader } from '../reader';
import { readTomlFile } from '../tomlFile';
import { addDependency, addManifest, pep508Name } from './dependencies';
import { pinsOneVersion } from './runtimePins';

/**
 * pyproject.toml (PEP 621, Poetry, PDM, uv, PEP 735 groups) and Pipfile:
 * dependencies, the Python version and pytest configuration.
 */
export const pyprojectReader: Reader = {
  id: 'pyproject.toml',
  relevance: { basenames: ['pyproject.toml', 'Pipfile'] },
  accepts: (_relative, basename) => basename === 'pyproject.toml' || basename === 'Pipfile',
  read(file, facts) {
    const root = readTomlFile(file, facts);
    addManifest(facts, 'pypi', file.path);
    facts.structured.push({ path: file.path, relative: file.relative, format: 'toml', root });
    const pep508Lists: TreeValue[] = [
      ...queryPath(root, 'project.dependencies'),
      ...queryPath(root, 'project.optional-dependencies.*'),
      ...queryPath(root, 'dependency-groups.*'),
      ...queryPath(root, 'tool.pdm.dev-dependencies.*'),
      ...queryPath(root, 'tool.uv.dev-dependencies'),
    ];
    for (const item of pep508Lists.flatMap(expandLists)) {
      const name = pep508Name(scalarText(item) ?? '');
      if (name) addDependency(facts, 'pypi', name, file.path, item.line);
    }
    const keyedTables = [
      ...queryPath(root, 'tool.poetry.dependencies'),
      ...queryPath(root, 'tool.poetry.dev-dependencies'),
      ...queryPath(root, 'tool.poetry.group.*.dependencies'),
      ...queryPath(root, 'packages'),
      ...queryPath(root, 'dev-packages'),
    ];
    for (const table of keyedTables) {
      if (table.kind !== 'map') continue;
      for (const entry of table.entries) {
        if (entry.key.toLowerCase() === 'python') continue;
        addDependency(facts, 'pypi', entry.key, file.path, entry.keyLine);
      }
    }
    const pythonPins = [
      ...queryPath(root, 'project.requires-python'),
      ...queryPath(root, 'tool.poetry.dependencies.python'),
      ...queryPath(root, 'requires.python_version'),
    ];
    for (const pin of pythonPins) {
      const version = scalarText(pin);
      // `requires-python = ">=3.9"` is a range: only one minor version (`==3.12.*`, `~3.12`) pins Python.
      if (version && pinsOneVersion(version, 2))
        facts.settings.push({ what: 'runtime-pin', value: `python ${version}`, at: { path: file.path, line: pin.line } });
    }
    const pytest = entriesOf(child(child(root, 'tool'), 'pytest'), 'ini_options')[0];
    if (pytest)
      facts.settings.push({ what: 'pytest-config', value: '[tool.pytest.ini_options]', at: { path: file.path, line: pytest.keyLine } });
  },
};
