const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Two independent 32-bit hashes of a text (a 31-polynomial and FNV-1a over its UTF-16 code units), its length mixed
 * into both: a key for what is made of a text alone, kept without the text. One 31-polynomial alone has collisions as
 * plain as one character up and the next one 31 down; both together make a collision of two texts about 2^-64.
 */
export function textHashes(text: string): readonly [number, number] {
  let polynomial = text.length;
  let fnv = Math.imul(FNV_OFFSET_BASIS ^ text.length, FNV_PRIME);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    polynomial = (Math.imul(polynomial, 31) + code) | 0;
    fnv = Math.imul(fnv ^ code, FNV_PRIME);
  }
  return [polynomial >>> 0, fnv >>> 0];
}

/**
 * 32-bit FNV-1a over the text's UTF-16 code units, continuing `hash` when given one (to hash a sequence of texts
 * without joining them). One hash: for keys where a collision costs only work, never a wrong answer.
 */
export function fnv1a(text: string, hash = FNV_OFFSET_BASIS): number {
  let running = hash;
  for (let i = 0; i < text.length; i++) running = Math.imul(running ^ text.charCodeAt(i), FNV_PRIME);
  return running >>> 0;
}

/** textHashes as a short string key (with the text's length). */
export function textKey(text: string): string {
  const [polynomial, fnv] = textHashes(text);
  return `${text.length}:${polynomial.toString(36)}:${fnv.toString(36)}`;
}
