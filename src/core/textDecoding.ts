// One decoder of each, made once: a scan decodes tens of thousands of files, and a decoder keeps no state between
// calls that do not stream (each decode() starts afresh).
const UTF8 = new TextDecoder('utf-8');
const UTF16LE = new TextDecoder('utf-16le');

/**
 * Bytes of a repository file as text. Editors on Windows still save
 * UTF-16 with a byte-order mark now and then; read as UTF-8 such a file is
 * NUL-riddled noise ("not a map"), so the BOM decides: UTF-16 LE or BE with
 * their BOM are decoded as such, a UTF-8 BOM is dropped, anything else is
 * UTF-8 (invalid sequences become U+FFFD, never an exception).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return UTF16LE.decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return UTF16LE.decode(swapBytePairs(bytes.subarray(2)));
  // TextDecoder drops a leading UTF-8 BOM by itself.
  return UTF8.decode(bytes);
}

/** UTF-16 BE as LE (every runtime's TextDecoder has utf-16le; utf-16be needs full ICU). An odd last byte is dropped. */
function swapBytePairs(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1];
    swapped[i + 1] = bytes[i];
  }
  return swapped;
}

/**
 * How text decoded by decodeText is written back to the file its first bytes
 * (`head`) come from: a UTF-8 BOM is kept (decodeText dropped it); a UTF-16
 * file is refused, since writers write UTF-8 and the file would silently
 * change encoding (and lose its BOM) under its owner's editor.
 */
export function rewriteEncoding(head: Uint8Array): { bom: string } | { refused: string } {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    return {
      refused: 'it is saved as UTF-16 (it starts with a UTF-16 byte-order mark) and would be rewritten as UTF-8; save it as UTF-8 first',
    };
  }
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { bom: '\uFEFF' };
  return { bom: '' };
}
