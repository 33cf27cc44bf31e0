import type { Reader } from '../reader';
import { addDependency, addManifest } from './dependencies';

/** Gemfile: `gem "name"` declarations and `ruby "3.3.0"`. The quoted names are the values read. */
export const gemfileReader: Reader = {
  id: 'Gemfile',
  relevance: { basenames: ['Gemfile', 'gems.rb'] },
  accepts: (_relative, basename) => basename === 'Gemfile' || basename === 'gems.rb',
  read(file, facts) {
    addManifest(facts, 'rubygems', file.path);
    file.text.split(/\r?\n/).forEach((line, index) => {
      // `\s*(?:\(\s*)?`, not `\s*\(?\s*`: two whitespace runs that can meet make a line of tabs quadratic.
      const gem = /^\s*gem\s*(?:\(\s*)?["']([^"']+)["']/.exec(line);
      if (gem) addDependency(facts, 'rubygems', gem[1], file.path, index);
      const ruby = /^\s*ruby\s*(?:\(\s*)?["']([^"']+)["']/.exec(line);
      if (ruby) facts.settings.push({ what: 'runtime-pin', value: `ruby ${ruby[1]}`, at: { path: file.path, line: index } });
    });
  },
};
