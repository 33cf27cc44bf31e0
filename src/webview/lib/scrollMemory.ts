// The panels' scroll position across reloads: they are not kept alive while hidden, and VS Code
// brings them back after a window reload, so the place a reader was at is kept with setState.
import { loadState, saveState } from './host';

interface ScrollState {
  scrollY: number;
}

function isScrollState(value: unknown): value is ScrollState {
  return typeof value === 'object' && value !== null && typeof (value as Partial<ScrollState>).scrollY === 'number';
}

/** Starts saving the scroll position; call the returned function after each render (it restores once, after the first). */
export function rememberScroll(): () => void {
  const state = loadState<ScrollState>({ scrollY: 0 }, isScrollState);
  let frame = 0;
  let restored = false;
  window.addEventListener('scroll', () => {
    if (frame || !restored) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      state.scrollY = window.scrollY;
      saveState(state);
    });
  });
  return () => {
    if (restored) return;
    restored = true;
    window.scrollTo(0, state.scrollY);
  };
}
