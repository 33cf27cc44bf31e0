import { posixBasename } from '../../../fileSystem';
import { child, keysOf, queryPath, scalarText } from '../../parsers/locatedTree';
import { fails, holds } from '../observation';
import type { Observation } from '../observation';
import type { Derivation } from './context';

const VERSIONED_PATH = /^\/v\d+(?:[./]|$)/;
const VERSIONED_URL = /\/v\d+(?:\/|$)/;
const VERSIONED_PACKAGE = /\.v\d+(?:(?:alpha|beta)\d*)?$/;
/** Operational endpoints are conventionally unversioned: probes and scrapers must not break on an API version bump. */
const OPERATIONAL_PATH = /^\/(?:health|healthz|livez|readyz|ready|live|ping|status|metrics|version)\/?$/;

/**
 * db.indexes-in-migrations (migrations that create indexes), api.spec-file
 * and api.versioned (OpenAPI paths/servers under /vN, proto packages ending
 * in .vN), infra.multi-region (Terraform providers in two or more regions).
 */
export const sourceSignals: Derivation = {
  signals: ['db.indexes-in-migrations', 'api.spec-file', 'api.versioned', 'infra.multi-region'],
  // The version markers, servers and the paths (which, not their operations): an API's spec may be megabytes.
  documents: { anyKey: ['openapi', 'swagger'], reads: { whole: ['openapi', 'swagger', 'servers', 'basePath'], keysOf: ['paths'] } },
  derive({ facts }) {
    const observations: Observation[] = [];
    for (const hit of facts.hits) {
      if (hit.what === 'migration-index')
        observations.push(holds('db.indexes-in-migrations', hit.at, `${posixBasename(hit.at.path)} creates an index`));
      if (hit.what.startsWith('proto-package:')) {
        const name = hit.what.slice('proto-package:'.length);
        observations.push(holds('api.spec-file', hit.at, `${posixBasename(hit.at.path)} (package ${name})`));
        if (VERSIONED_PACKAGE.test(name)) observations.push(holds('api.versioned', hit.at, `proto package ${name}`));
        else observations.push(fails('api.versioned', hit.at, `proto package ${name} has no version suffix`));
      }
    }
    for (const document of facts.structured) {
      const marker = child(document.root, 'openapi') ?? child(document.root, 'swagger');
      if (!marker || marker.kind !== 'scalar') continue;
      observations.push(
        holds('api.spec-file', { path: document.path, line: marker.line }, `${document.relative} (OpenAPI ${scalarText(marker)})`),
      );
      const server = [...queryPath(document.root, 'servers.url'), ...queryPath(document.root, 'basePath')].find((url) =>
        VERSIONED_URL.test(scalarText(url) ?? ''),
      );
      const paths = child(document.root, 'paths');
      const pathNames = keysOf(paths).filter((path) => !OPERATIONAL_PATH.test(path));
      if (server)
        observations.push(
          holds('api.versioned', { path: document.path, line: server.line }, `${document.relative}: server ${scalarText(server)}`),
        );
      else if (pathNames.length > 0 && pathNames.every((path) => VERSIONED_PATH.test(path)))
        observations.push(
          holds(
            'api.versioned',
            { path: document.path, line: paths!.line },
            `${document.relative}: paths under ${/^\/v\d+/.exec(pathNames[0])![0]}`,
          ),
        );
      else if (pathNames.length > 0)
        observations.push(
          fails(
            'api.versioned',
            { path: document.path, line: paths!.line },
            `${document.relative}: paths such as ${pathNames.find((path) => !VERSIONED_PATH.test(path))} carry no version`,
          ),
        );
    }
    const regions = new Map<string, Map<string, number>>();
    for (const file of facts.terraform) {
      for (const block of file.blocks) {
        if (block.type !== 'provider' || !block.labels[0]) continue;
        const region = child(block.body, 'region') ?? child(block.body, 'location');
        const value = region?.kind === 'scalar' && !region.expression ? scalarText(region) : undefined;
        if (!value) continue;
        const byRegion = regions.get(block.labels[0]) ?? new Map<string, number>();
        if (!byRegion.has(value)) byRegion.set(value, block.line);
        regions.set(block.labels[0], byRegion);
        if (byRegion.size === 2) {
          observations.push(
            holds(
              'infra.multi-region',
              { path: file.path, line: block.line },
              `provider "${block.labels[0]}" in ${[...byRegion.keys()].join(' and ')}`,
            ),
          );
        }
      }
    }
    return observations;
  },
};
