// The views' scroll position across reloads: panels are not kept alive while hidden, and VS Code
// brings views back after a window reload, so the place a reader was at is kept with setState.
import { loadState, saveState } from './host';

interface ScrollState {
  scrollY: number;
}

function isScrollState(value: unknown): value is ScrollState {
  return typeof value === 'object' && value !== null && typeof (value as Partial<ScrollState>).scrollY === 'number';
}

// What only a reader does: any of these ends the hold on a restored place.
const READER_EVENTS = ['wheel', 'keydown', 'pointerdown', 'touchstart'] as const;

/**
 * Starts saving the scroll position; call the returned function after each render. A view restored with
 * a saved place holds it until the reader moves: every render goes back to it (a view first shows what
 * it has while its scan runs, so the place is reached only once the content is tall enough), and the
 * browser's scroll anchoring is off meanwhile — a late layout change above the place (the icon font
 * arriving, a status line becoming totals) would otherwise move the view a few pixels, and that would be
 * saved as the reader's place; so would VS Code's webview host, which scrolls a restored view by itself. A
 * wheel, key, pointer (a scrollbar press sends one too) or touch ends the hold; from then on the reader's
 * place is saved as it changes.
 *
 * `place` is the saved state holding the position, and `save` stores it: by default a state of its own;
 * a view that keeps more in its state passes that state and its own save.
 */
export function rememberScroll(
  place: ScrollState = loadState<ScrollState>({ scrollY: 0 }, isScrollState),
  save: () => void = () => saveState(place),
): () => void {
  const page = document.documentElement;
  const target = place.scrollY;
  let holding = target > 0;
  if (holding) page.style.overflowAnchor = 'none';
  // The held place as far as the content reaches now (the browser clamps to it).
  const heldAt = () => Math.min(target, Math.max(page.scrollHeight - window.innerHeight, 0));
  const release = () => {
    if (!holding) return;
    holding = false;
    page.style.overflowAnchor = '';
  };
  for (const type of READER_EVENTS) window.addEventListener(type, release, { passive: true });
  let frame = 0;
  window.addEventListener(
    'scroll',
    () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (holding) {
          // Not the reader (they would have sent an event above first): VS Code's webview host restores
          // a scroll fraction of its own when a view comes back, which lands a few pixels off.
          if (Math.abs(window.scrollY - heldAt()) >= 1) window.scrollTo(0, heldAt());
          return;
        }
        place.scrollY = window.scrollY;
        save();
      });
    },
    { passive: true },
  );
  return () => {
    if (holding) window.scrollTo(0, heldAt());
  };
}
