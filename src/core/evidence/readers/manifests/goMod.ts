import type { Reader } from '../reader';
import { addDependency, addManifest } from './dependencies';

/**
 * go.mod: direct requirements (`// indirect` ones are transitive and say
 * nothing about the service's own choices) and the `go` directive, which pins
 * the language version.
 */
export const goModReader: Reader = {
  id: 'go.mod',
  relevance: { basenames: ['go.mod'] },
  accepts: (_relative, basename) => basename === 'go.mod',
  read(file, facts) {
    addManifest(facts, 'go', file.path);
    let inRequireBlock = false;
    file.text.split(/\r?\n/).forEach((raw, line) => {
      const text = raw.trim();
      if (inRequireBlock) {
        if (text.startsWith(')')) inRequireBlock = false;
        else requirement(text, line);
        return;
      }
      if (/^require\s*\($/.test(text)) inRequireBlock = true;
      else if (text.startsWith('require ')) requirement(text.slice('require '.length), line);
      else {
        const go = /^go\s+(\d+\.\d+(?:\.\d+)?)\b/.exec(text);
        if (go) facts.settings.push({ what: 'runtime-pin', value: `go ${go[1]}`, at: { path: file.path, line } });
      }
    });

    /** The text before a `//` comment (a scan: `/\/\/.*$/` is quadratic on a line of slashes). */
    function withoutLineComment(text: string): string {
      const comment = text.indexOf('//');
      return comment < 0 ? text : text.slice(0, comment);
    }

    function requirement(text: string, line: number): void {
      if (/\/\/\s*indirect\b/.test(text)) return;
      const module = /^("?)([^\s"]+)\1\s+v\S+/.exec(withoutLineComment(text).trim());
      if (module) addDependency(facts, 'go', module[2], file.path, line);
    }
  },
};
