// The colour themes the UI tests look at Stage Guide's views in, switched within one running
// workbench the way a person does it (Preferences: Color Theme), and what a
// webview page says about its colours: the theme's values, the body's own, text contrast and
// horizontal overflow, measured in the page itself.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { waitFor } from '../../../scripts/code-server/waitFor';
import { repoRoot, UI_STEP_TIMEOUT_MS, Workbench } from './workbench';

export interface Theme {
  /** Short name for artifacts: test-results/screenshots/<view>-<slug>.png. */
  slug: string;
  /** The `workbench.colorTheme` value. */
  setting: string;
  /** Its name in the "Preferences: Color Theme" picker. */
  label: string;
  /** The class the workbench root gets (`vs-dark`, `vs`, `hc-black`). */
  workbenchClass: string;
  /** The class VS Code gives a webview's <body>. */
  webviewClass: string;
  /** Dark background and light text, or the other way round. */
  dark: boolean;
}

export const THEMES: readonly Theme[] = [
  {
    slug: 'dark-modern',
    setting: 'Default Dark Modern',
    label: 'Dark Modern',
    workbenchClass: 'vs-dark',
    webviewClass: 'vscode-dark',
    dark: true,
  },
  {
    slug: 'light-modern',
    setting: 'Default Light Modern',
    label: 'Light Modern',
    workbenchClass: 'vs',
    webviewClass: 'vscode-light',
    dark: false,
  },
  {
    slug: 'high-contrast',
    setting: 'Default High Contrast',
    label: 'Dark High Contrast',
    workbenchClass: 'hc-black',
    webviewClass: 'vscode-high-contrast',
    dark: true,
  },
];

export const SCREENSHOT_DIR = path.join(repoRoot, 'test-results', 'screenshots');

/** Switches the running workbench to `theme` with "Preferences: Color Theme" and waits until the workbench wears it. */
export async function useTheme(workbench: Workbench, theme: Theme): Promise<void> {
  const { page } = workbench;
  // Keys must reach the workbench, not a webview that happens to have the focus.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
  await input.fill('>Preferences: Color Theme');
  // Exactly that command ("Browse Color Themes in Marketplace" is listed first).
  await exactRow(page, 'Preferences: Color Theme').click({ timeout: UI_STEP_TIMEOUT_MS });
  // The same widget now lists the themes; pick ours by its exact label.
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: 'Light Modern' })
    .first()
    .waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
  await input.fill(theme.label);
  await exactRow(page, theme.label).click({ timeout: UI_STEP_TIMEOUT_MS });
  await input.waitFor({ state: 'hidden', timeout: UI_STEP_TIMEOUT_MS });
  await waitFor(
    () =>
      workbench.page.evaluate(
        (wanted) => document.querySelector('.monaco-workbench')?.classList.contains(wanted) === true,
        theme.workbenchClass,
      ),
    { description: `the workbench to switch to ${theme.setting}`, timeoutMs: UI_STEP_TIMEOUT_MS, pollMs: 200 },
  );
}

/** The quick-pick row whose label is exactly `label`. */
function exactRow(page: Page, label: string): Locator {
  return page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) })
    .first();
}

/** Waits until a webview's page wears `theme` too (VS Code pushes the theme to each webview). */
export async function waitForWebviewTheme(frame: Frame, theme: Theme): Promise<void> {
  await frame.waitForFunction((wanted) => document.body.classList.contains(wanted), theme.webviewClass, { timeout: UI_STEP_TIMEOUT_MS });
}

/** Saves the part of the workbench (e.g. `.part.sidebar`) as test-results/screenshots/<name>.png. */
export async function saveThemeScreenshot(page: Page, partSelector: string, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Park the pointer where no hover tooltip covers the picture.
  await page.mouse.move(640, 790);
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.locator(partSelector).first().screenshot({ path: file, timeout: UI_STEP_TIMEOUT_MS });
  return file;
}

/**
 * tsx compiles this file keeping function names: a named function inside an evaluated callback
 * then calls esbuild's `__name` helper, which the page does not have. Give it one that does nothing.
 */
async function defineNameHelper(frame: Frame): Promise<void> {
  await frame.evaluate('globalThis.__name ??= (target) => target');
}

export interface ColourReport {
  /** The theme's values as the page resolves them: --vscode-foreground and the view's background variable. */
  themeForeground: string;
  themeBackground: string;
  bodyColor: string;
  /** The body's own background: transparent (the view's background shows) or the theme's value. */
  bodyBackground: string;
  /** Luminance of the theme background, 0 (black) to 1 (white). */
  backgroundLuminance: number;
  bodyContrast: number;
  /** Visible texts whose colour on their background is below 3:1, with what was measured. */
  lowContrast: string[];
  textsMeasured: number;
  /** Content wider than the view (a horizontal scrollbar). */
  overflowPx: number;
}

/**
 * Measures the page's colours against the theme. `backgroundVariable` is the workbench colour the
 * view sits on: --vscode-sideBar-background for the sidebar, --vscode-editor-background for a panel.
 */
export async function measureColours(frame: Frame, backgroundVariable: string): Promise<ColourReport> {
  await defineNameHelper(frame);
  return frame.evaluate((bgVar) => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const parts = css.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
    };
    const luminance = ([r, g, b]: Rgba): number => {
      const channel = (value: number): number => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const contrast = (a: Rgba, b: Rgba): number => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };

    const probe = document.createElement('div');
    probe.style.cssText = `position:absolute;visibility:hidden;color:var(--vscode-foreground);background-color:var(${bgVar})`;
    document.body.appendChild(probe);
    const themeForeground = getComputedStyle(probe).color;
    const themeBackground = getComputedStyle(probe).backgroundColor;
    probe.remove();
    const viewBackground = parse(themeBackground);

    /** The colour behind an element: its ancestors' backgrounds composed over the view's. */
    const backgroundOf = (element: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let node: Element | null = element; node; node = node.parentElement) {
        const colour = parse(getComputedStyle(node).backgroundColor);
        if (colour[3] > 0) layers.push(colour);
        if (colour[3] === 1) break;
      }
      return layers.reverse().reduce((below, layer) => over(layer, below), viewBackground);
    };

    const lowContrast: string[] = [];
    let textsMeasured = 0;
    for (const element of Array.from(document.querySelectorAll('#root *'))) {
      if (element.closest('.visually-hidden')) continue;
      const hasText = Array.from(element.childNodes).some(
        (node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '',
      );
      if (!hasText || element.getClientRects().length === 0) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      const background = backgroundOf(element);
      const ratio = contrast(over(parse(style.color), background), background);
      textsMeasured += 1;
      if (ratio < 3)
        lowContrast.push(
          `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').trim().slice(0, 40)}": ${style.color} on rgb(${background.slice(0, 3).map(Math.round).join(', ')}) = ${ratio.toFixed(2)}:1`,
        );
    }

    const body = getComputedStyle(document.body);
    const root = document.documentElement;
    return {
      themeForeground,
      themeBackground,
      bodyColor: body.color,
      bodyBackground: body.backgroundColor,
      backgroundLuminance: luminance(viewBackground),
      bodyContrast: contrast(parse(body.color), viewBackground),
      lowContrast,
      textsMeasured,
      overflowPx: root.scrollWidth - root.clientWidth,
    };
  }, backgroundVariable);
}

export interface WrapReport {
  /** Elements whose text runs over more than one line. */
  wrapped: number;
  /** Wrapped elements whose lines do not all start at the same x (centred or indented under an icon). */
  misaligned: string[];
  /** Items whose icon is not left of the text's start. */
  iconOverText: string[];
}

/**
 * How the view's lists wrap: every line of a practice title, an evidence line (link and detail)
 * and a button label must start where its first line's text starts (a hanging indent aligned to
 * the text), and an evidence line's icon must hang left of it.
 */
export async function measureWrapping(frame: Frame): Promise<WrapReport> {
  await defineNameHelper(frame);
  return frame.evaluate(() => {
    const lineStarts = (element: Element): number[] => {
      const lines: Array<{ top: number; left: number }> = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!(node.textContent ?? '').trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of Array.from(range.getClientRects())) {
          if (rect.width === 0) continue;
          const line = lines.find((candidate) => Math.abs(candidate.top - rect.top) < 4);
          if (line) line.left = Math.min(line.left, rect.left);
          else lines.push({ top: rect.top, left: rect.left });
        }
      }
      return lines.sort((a, b) => a.top - b.top).map((line) => line.left);
    };
    const report = { wrapped: 0, misaligned: [] as string[], iconOverText: [] as string[] };
    const items = Array.from(
      document.querySelectorAll(
        '#root .practice-title, #root .practice-rationale, #root .evidence li, #root .satisfied-by li, #root button span:not(.codicon)',
      ),
    );
    for (const item of items) {
      if (item.getClientRects().length === 0) continue;
      const starts = lineStarts(item);
      if (starts.length > 1) {
        report.wrapped += 1;
        if (starts.some((left) => Math.abs(left - starts[0]) > 1.5))
          report.misaligned.push(
            `${item.className || item.tagName} "${(item.textContent ?? '').trim().slice(0, 50)}": lines start at ${starts.map(Math.round).join(', ')}`,
          );
      }
      const icon = item.matches('.evidence li') ? item.querySelector('.codicon') : null;
      if (icon && starts.length > 0 && icon.getBoundingClientRect().right > starts[0] + 0.5) {
        report.iconOverText.push(
          `"${(item.textContent ?? '').trim().slice(0, 50)}": icon ends at ${Math.round(icon.getBoundingClientRect().right)}, text starts at ${Math.round(starts[0])}`,
        );
      }
    }
    return report;
  });
}
