import { Composer, Parser } from 'yaml';
import type { CST, Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import { guardAliasExpansion } from './aliasBudget';

/**
 * yaml's composer recurses once per nesting level. Ten thousand nested flow
 * sequences (`[[[[…]]]]`, 20 KB) or a deep JSON object exhaust the stack:
 * yaml then reports "Maximum call stack size exceeded", and near the stack's
 * end V8 can even abort the whole process while compiling a regular
 * expression. So the depth is measured on the concrete syntax tree (which
 * yaml's parser builds without recursion) before composing, and a file
 * deeper than this is refused with a clear problem. Real configuration
 * files nest a few dozen levels at most.
 */
export const MAX_YAML_NESTING = 200;

/** Where the nesting first goes deeper than MAX_YAML_NESTING, as a source offset; undefined when it never does. */
export function excessiveNesting(tokens: readonly CST.Token[]): number | undefined {
  // Depth-first, last token first, with each token's depth on a stack of its own: this walks every token of every
  // file a scan or the editor parses, so it makes no object per token (the order, and so the offset found, is kept).
  const stack: CST.Token[] = [...tokens];
  const depths: number[] = new Array<number>(tokens.length).fill(0);
  while (stack.length > 0) {
    const token = stack.pop()!;
    const depth = depths.pop()!;
    if (depth > MAX_YAML_NESTING) return 'offset' in token ? token.offset : 0;
    pushChildTokens(token, depth + 1, stack, depths);
  }
  return undefined;
}

/** Pushes the collection and value tokens directly inside a token (documents, maps, sequences, flow collections), in order. */
function pushChildTokens(token: CST.Token, depth: number, stack: CST.Token[], depths: number[]): void {
  switch (token.type) {
    case 'document':
      if (token.value) {
        stack.push(token.value);
        depths.push(depth);
      }
      return;
    case 'block-map':
    case 'block-seq':
    case 'flow-collection':
      for (const item of token.items as Array<{ key?: CST.Token | null; value?: CST.Token }>) {
        if (item.key) {
          stack.push(item.key);
          depths.push(depth);
        }
        if (item.value) {
          stack.push(item.value);
          depths.push(depth);
        }
      }
      return;
    default:
      return;
  }
}

export function nestingMessage(): string {
  return `This file nests deeper than ${MAX_YAML_NESTING} levels; Stage Guide does not read it`;
}

export interface BoundedDocuments {
  documents: Document.Parsed[];
  /** Set when the text nests too deep to compose: documents is then empty. */
  tooDeepAt?: number;
}

/**
 * `parseAllDocuments(text, options)` (without pretty errors) for text from a
 * repository: refuses, instead of composing, a text nested deeper than
 * MAX_YAML_NESTING, and refuses alias bombs (see aliasBudget.ts).
 */
export function parseDocumentsWithinLimits(text: string, options: DocumentOptions & ParseOptions & SchemaOptions = {}): BoundedDocuments {
  const tokens = Array.from(new Parser().parse(text));
  const tooDeepAt = excessiveNesting(tokens);
  if (tooDeepAt !== undefined) return { documents: [], tooDeepAt };
  const documents = Array.from(new Composer(options).compose(tokens)) as Document.Parsed[];
  guardAliasExpansion(text, documents);
  return { documents };
}
