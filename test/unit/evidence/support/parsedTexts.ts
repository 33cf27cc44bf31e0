import { Parser } from 'yaml';

/** The texts yaml's parser was given while `run` ran: how tests count parses. */
export async function parsedTexts(run: () => Promise<unknown>): Promise<string[]> {
  const parse = Parser.prototype.parse;
  const texts: string[] = [];
  Parser.prototype.parse = function (this: Parser, source: string, incomplete?: boolean) {
    texts.push(source);
    return parse.call(this, source, incomplete);
  };
  try {
    await run();
  } finally {
    Parser.prototype.parse = parse;
  }
  return texts;
}
