// Tiny DOM builders for the webviews. Text from files only ever goes in through
// `textContent` (never innerHTML), so a cell that says `<img onerror=…>` stays text.

export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

type Child = Node | string | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A codicon, hidden from screen readers (the text next to it says the same). */
export function icon(name: string): HTMLSpanElement {
  return el('span', { className: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

/** A button that runs `onClick`; handlers are attached here, never written inline in markup. */
export function button(
  label: string,
  onClick: () => void,
  options: { className?: string; iconName?: string; attrs?: Record<string, string> } = {},
): HTMLButtonElement {
  const element = el(
    'button',
    { className: options.className ?? 'button', attrs: { type: 'button', ...options.attrs } },
    options.iconName ? icon(options.iconName) : undefined,
    el('span', { text: label }),
  );
  element.addEventListener('click', onClick);
  return element;
}

/** Replaces everything in `root` with `children`. */
export function replaceChildren(root: HTMLElement, ...children: Child[]): void {
  root.replaceChildren();
  append(root, ...children);
}
