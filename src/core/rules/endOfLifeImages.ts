/**
 * The dated table of end-of-life base images (data/end-of-life.yml): which
 * image references run a runtime or distribution that gets no more security
 * fixes. Kind-neutral, so any rule that reads image references can use it;
 * today docker/base-image-eol does.
 */
import { readShippedData } from '../shippedData';
import { parseImageReference } from './containerImage';

export interface EndOfLifeRow {
  /** "Node.js 18", "Debian 10 (buster) and older". */
  name: string;
  images: readonly string[];
  versions: readonly string[];
  variants: readonly string[];
  /** The date support ended, `YYYY-MM-DD`. */
  eol: string;
  source: string;
}

export interface EndOfLifeTable {
  /** The month the table was last checked, `YYYY-MM`: messages say "as of" it. */
  asOf: string;
  rows: readonly EndOfLifeRow[];
}

let cached: EndOfLifeTable | undefined;

/** The table, read and checked once. */
export function endOfLifeTable(): EndOfLifeTable {
  if (cached) return cached;
  const raw = readShippedData('end-of-life.yml') as { asOf?: unknown; images?: unknown };
  const strings = (value: unknown, where: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' || typeof item === 'number'))
      throw new Error(`data/end-of-life.yml: ${where} must be a list of strings`);
    return value.map((item) => String(item).toLowerCase());
  };
  if (typeof raw.asOf !== 'string' || !Array.isArray(raw.images)) throw new Error('data/end-of-life.yml: needs `asOf` and `images`');
  const rows = raw.images.map((entry: Record<string, unknown>, index) => {
    const where = `images[${index}]`;
    for (const key of ['name', 'eol', 'source'])
      if (typeof entry[key] !== 'string') throw new Error(`data/end-of-life.yml: ${where}.${key} must be a string`);
    return {
      name: entry.name as string,
      images: strings(entry.images, `${where}.images`),
      versions: strings(entry.versions, `${where}.versions`),
      variants: strings(entry.variants, `${where}.variants`),
      eol: entry.eol as string,
      source: entry.source as string,
    };
  });
  cached = { asOf: raw.asOf, rows };
  return cached;
}

/**
 * The row an image reference falls under: its own image and tag version
 * (`node:18-alpine`, `postgres:12.19`), else a distribution named in its tag
 * (`python:3.12-slim-buster`, `node:22-alpine3.18`). Undefined for untagged or
 * templated references and for anything the table does not list.
 */
export function endOfLifeOf(reference: string): EndOfLifeRow | undefined {
  const parsed = parseImageReference(reference);
  if (!parsed || parsed.templated || parsed.tag === undefined) return undefined;
  const tag = parsed.tag.toLowerCase();
  const name = imageName(parsed.registry, parsed.repository);
  const { rows } = endOfLifeTable();
  const own = rows.find((row) => row.images.includes(name) && row.versions.some((version) => tagHasVersion(tag, version)));
  if (own) return own;
  const parts = tag.split('-');
  return rows.find((row) => row.variants.some((variant) => parts.includes(variant)));
}

/** "node" for Docker Hub's `node`, `library/node` and `docker.io/library/node`; "registry/path" elsewhere. */
function imageName(registry: string | undefined, repository: string): string {
  const hub = registry === undefined || registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io';
  const path = repository.toLowerCase();
  if (!hub) return `${registry.toLowerCase()}/${path}`;
  return path.startsWith('library/') ? path.slice('library/'.length) : path;
}

/** "18" is the version of `18`, `18.20.4` and `18-alpine`, not of `180` or `1.18`. */
function tagHasVersion(tag: string, version: string): boolean {
  return tag === version || tag.startsWith(`${version}.`) || tag.startsWith(`${version}-`);
}
