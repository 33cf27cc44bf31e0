import type { From } from 'dockerfile-ast';
import { imagePinning } from '../containerImage';
import type { ImagePinning } from '../containerImage';
import type { Range } from '../../text';
import type { BuildStage, DockerfileModel } from './model';
import { toRange } from './model';

/** A FROM that pulls an image (not `scratch`, not an earlier stage), with ARG defaults substituted. */
export interface BaseImage {
  stage: BuildStage;
  from: From;
  /** The reference as written: `node:${NODE_VERSION}`. */
  written: string;
  /** With the ARG defaults declared before the first FROM substituted, when every variable has one. */
  resolved?: string;
  pinning: ImagePinning;
  range: Range;
}

/** Every FROM that names an external image, in order. */
export function baseImages(model: DockerfileModel): BaseImage[] {
  const defaults = argDefaults(model);
  const stageNames = new Set(model.stages.flatMap((stage) => (stage.name ? [stage.name] : [])));
  const images: BaseImage[] = [];
  for (const stage of model.stages) {
    const written = stage.from.getImage();
    const imageRange = stage.from.getImageRange();
    if (!written || !imageRange || stage.parent) continue;
    const resolved = substituteVariables(written, defaults);
    if (resolved !== undefined && isEarlierStageName(model, stage, resolved, stageNames)) continue;
    const pinning = resolved === undefined ? 'unknown' : imagePinning(resolved);
    if (pinning === 'scratch') continue;
    images.push({ stage, from: stage.from, written, ...(resolved !== undefined ? { resolved } : {}), pinning, range: toRange(imageRange) });
  }
  return images;
}

/** A reference, after substitution, that names a stage declared before `stage` (`FROM ${BASE_STAGE}`). */
function isEarlierStageName(model: DockerfileModel, stage: BuildStage, resolved: string, names: ReadonlySet<string>): boolean {
  const lower = resolved.toLowerCase();
  return names.has(lower) && model.stages.slice(0, stage.index).some((earlier) => earlier.name === lower);
}

/** Defaults of the ARGs declared before the first FROM (the only ones FROM can use); null = no default. */
function argDefaults(model: DockerfileModel): Map<string, string | null> {
  const defaults = new Map<string, string | null>();
  for (const arg of model.dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (!property) continue;
    const value = property.getValue();
    defaults.set(property.getName(), value === null ? null : (substituteVariables(value, defaults) ?? null));
  }
  return defaults;
}

// `[^{}]*`, not `[^}]*`: with "A${" repeated (a 24 KB FROM line took 7 s) each "${" scanned to the end of the line.
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^{}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Substitutes `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`,
 * `${NAME:+word}` and `${NAME+word}` with the given values, as Docker does in
 * FROM. Undefined when a variable has no value to substitute.
 */
export function substituteVariables(value: string, values: ReadonlyMap<string, string | null>): string | undefined {
  let unresolved = false;
  const result = value.replace(
    VARIABLE,
    (_match, braced: string | undefined, operator: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const declared = values.has(name);
      const current = values.get(name);
      const set = declared && current !== null && current !== undefined;
      const nonEmpty = set && current !== '';
      switch (operator) {
        case ':-':
          return nonEmpty ? (current as string) : (word ?? '');
        case '-':
          return set ? (current as string) : (word ?? '');
        case ':+':
          return nonEmpty ? (word ?? '') : '';
        case '+':
          return set ? (word ?? '') : '';
        default:
          if (!set) unresolved = true;
          return set ? (current as string) : '';
      }
    },
  );
  if (unresolved || result.includes('$')) return undefined;
  return result;
}
