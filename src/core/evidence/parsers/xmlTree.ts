/**
 * A small XML element reader, enough for Maven's pom.xml: elements, their text
 * and the line each starts on. Comments, CDATA, processing instructions and
 * DOCTYPE are skipped; attributes are not kept (a pom does not need them).
 * Mismatched tags close up to the nearest open match, so a broken file still
 * yields what it can. Never throws.
 */
export interface XmlElement {
  name: string;
  line: number;
  children: XmlElement[];
  text: string;
}

export function xmlRoot(text: string): XmlElement {
  const root: XmlElement = { name: '#document', line: 0, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let i = 0;
  let line = 0;
  const advanceTo = (next: number) => {
    for (let j = i; j < next && j < text.length; j++) if (text.charCodeAt(j) === 10) line++;
    i = next;
  };
  while (i < text.length) {
    const open = text.indexOf('<', i);
    if (open < 0) {
      stack[stack.length - 1].text += decode(text.slice(i));
      break;
    }
    stack[stack.length - 1].text += decode(text.slice(i, open));
    advanceTo(open);
    if (text.startsWith('<!--', i)) {
      advanceTo(skipPast(text, i, '-->'));
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = skipPast(text, i, ']]>');
      stack[stack.length - 1].text += text.slice(i + 9, Math.max(i + 9, end - 3));
      advanceTo(end);
    } else if (text.startsWith('<?', i) || text.startsWith('<!', i)) {
      advanceTo(skipPast(text, i, '>'));
    } else if (text.startsWith('</', i)) {
      const end = skipPast(text, i, '>');
      const name = text.slice(i + 2, end - 1).trim();
      const at = findOpen(stack, name);
      if (at > 0) stack.length = at;
      advanceTo(end);
    } else {
      const end = skipPast(text, i, '>');
      const inner = text.slice(i + 1, end - 1);
      const name = /^[^\s/>]+/.exec(inner)?.[0] ?? '';
      const element: XmlElement = { name, line, children: [], text: '' };
      stack[stack.length - 1].children.push(element);
      if (!inner.trimEnd().endsWith('/') && name) stack.push(element);
      advanceTo(end);
    }
  }
  return root;
}

function skipPast(text: string, from: number, token: string): number {
  const at = text.indexOf(token, from + 1);
  return at < 0 ? text.length : at + token.length;
}

function findOpen(stack: XmlElement[], name: string): number {
  for (let at = stack.length - 1; at > 0; at--) if (stack[at].name === name) return at;
  return -1;
}

function decode(text: string): string {
  return text.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_, entity: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[entity] ?? '',
  );
}

/** Direct children with this name. */
export function childElements(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((child) => child.name === name) : [];
}

/** Trimmed text of the first child with this name. */
export function childText(element: XmlElement | undefined, name: string): string | undefined {
  const found = childElements(element, name)[0];
  return found ? found.text.trim() : undefined;
}
