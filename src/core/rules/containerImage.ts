import { memoizedByText } from '../memoizedByText';

/**
 * Container image references ("nginx", "ghcr.io/org/app:1.4", "redis@sha256:…"),
 * as written in Dockerfiles, compose files, Kubernetes manifests and CI files.
 *
 * Values are often templated (`${REGISTRY}/app:${TAG}`, `$CI_REGISTRY_IMAGE`):
 * a variable part can carry anything, so such a part is reported as unknown and
 * rules stay quiet about it instead of guessing.
 */

export interface ImageReference {
  /** "ghcr.io", "localhost:5000"; absent for Docker Hub short names. */
  registry?: string;
  /** The path without registry, tag or digest: "nginx", "org/app". */
  repository: string;
  /** The tag as written, absent when there is none. */
  tag?: string;
  /** "sha256:…" as written, absent when there is none. */
  digest?: string;
  /** True when any part comes from a variable (`${VAR}`, `$VAR`). */
  templated: boolean;
}

/**
 * How firmly a reference pins what it pulls:
 * - `digest`: `@sha256:…` — immutable;
 * - `tag`: a tag other than `latest`;
 * - `latest` / `untagged`: whatever the registry serves today (untagged means `latest`);
 * - `scratch`: the empty base image — there is nothing to pin;
 * - `unknown`: templated or unparseable — nothing can be said.
 */
export type ImagePinning = 'digest' | 'tag' | 'latest' | 'untagged' | 'scratch' | 'unknown';

/** `${…}` (with any content, e.g. `${TAG:-1.2}`) or `$NAME`. */
// `[^{}]*`, not `[^}]*`: "${" repeated without "}" made every "${" scan to the end (quadratic).
const VARIABLE = /\$\{[^{}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g;
/** Stands in for a variable while splitting, so separators inside `${TAG:-a/b}` are not mistaken for real ones. */
const PLACEHOLDER = '\u0000';

const REPOSITORY_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const REGISTRY_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:]+\])(?::[0-9]+)?$/;

/**
 * Parses an image reference following the distribution reference grammar.
 * Returns undefined for empty or malformed references (never throws).
 */
export function parseImageReference(ref: string): ImageReference | undefined {
  if (typeof ref !== 'string') return undefined;
  const trimmed = ref.trim();
  if (trimmed === '' || /\s/.test(trimmed)) return undefined;

  // Hide variables behind placeholders; restore them in each part afterwards.
  const variables: string[] = [];
  const masked = trimmed.replace(VARIABLE, (variable) => {
    variables.push(variable);
    return PLACEHOLDER;
  });
  if (masked.includes('$')) return undefined; // a stray `$` is neither a variable nor valid syntax
  let next = 0;
  const unmask = (part: string): string => part.replace(/\u0000/g, () => variables[next++] ?? '');

  const at = masked.indexOf('@');
  const namePart = at === -1 ? masked : masked.slice(0, at);
  const digestPart = at === -1 ? undefined : masked.slice(at + 1);
  const lastSlash = namePart.lastIndexOf('/');
  const colon = namePart.indexOf(':', lastSlash + 1);
  const pathPart = colon === -1 ? namePart : namePart.slice(0, colon);
  const tagPart = colon === -1 ? undefined : namePart.slice(colon + 1);

  const components = pathPart.split('/');
  let registryPart: string | undefined;
  if (components.length > 1 && looksLikeRegistry(components[0])) registryPart = components.shift();

  if (!components.every((c) => (c.includes(PLACEHOLDER) ? c !== '' : REPOSITORY_COMPONENT.test(c)))) return undefined;
  if (registryPart !== undefined && !registryPart.includes(PLACEHOLDER) && !REGISTRY_HOST.test(registryPart)) return undefined;
  if (tagPart !== undefined && !tagPart.includes(PLACEHOLDER) && !TAG.test(tagPart)) return undefined;
  if (digestPart !== undefined && !digestPart.includes(PLACEHOLDER) && !DIGEST.test(digestPart)) return undefined;
  if (tagPart === '' || digestPart === '') return undefined;

  // Unmask in source order: registry, repository, tag, digest.
  const result: ImageReference = { repository: '', templated: variables.length > 0 };
  if (registryPart !== undefined) result.registry = unmask(registryPart);
  result.repository = unmask(components.join('/'));
  if (tagPart !== undefined) result.tag = unmask(tagPart);
  if (digestPart !== undefined) result.digest = unmask(digestPart);
  return result;
}

/**
 * Docker's rule: the first component names a registry when it has a dot, a port, or is "localhost".
 * A templated first component (`${REGISTRY}/app`) is almost always a registry, so it counts as one.
 */
function looksLikeRegistry(component: string): boolean {
  if (component.includes(PLACEHOLDER)) return true;
  return component.includes('.') || component.includes(':') || component === 'localhost' || component.startsWith('[');
}

/** See {@link ImagePinning}. */
export function imagePinning(ref: string): ImagePinning {
  return pinningByText(ref);
}

/** Every image of every service, workload and step is asked, again on each edit in the editor: read once per text. */
const pinningByText = memoizedByText(readPinning, 4096);

function readPinning(ref: string): ImagePinning {
  const parsed = parseImageReference(ref);
  if (!parsed) return 'unknown';
  if (parsed.digest !== undefined) return 'digest';
  if (parsed.tag !== undefined) {
    if (parsed.tag.includes('$')) return 'unknown';
    return parsed.tag === 'latest' ? 'latest' : 'tag';
  }
  if (parsed.repository === 'scratch' && parsed.registry === undefined) return 'scratch';
  // No tag: but a variable at the end of the name may well carry one (`$IMAGE`, `app${SUFFIX}`).
  const lastComponent = parsed.repository.split('/').pop() ?? '';
  return lastComponent.includes('$') ? 'unknown' : 'untagged';
}
