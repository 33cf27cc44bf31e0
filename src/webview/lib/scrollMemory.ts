// The panels' scroll position across reloads: they are not kept alive while hidden, and VS Code
// brings them back after a window reload, so the place a reader was at is kept with setState.
import { loadState, saveState } from './host';

interface ScrollState {
  scrollY: number;
}

function isScrollState(value: unknown): value is ScrollState {
  return typeof value === 'object' && value !== null && typeof (value as Partial<ScrollState>).scrollY === 'number';
}

/**
 * Starts saving the scroll position; call the returned function after each render, saying whether the
 * render is settled (no scan running that will render again). It goes back to the saved place after
 * every render until a settled one is tall enough to reach it: a panel restored after a reload first
 * shows what it has while its scan is still running, and the scan's last render changes the lines above
 * the place (a status line becomes totals), so a place applied only once would drift or be clamped. The
 * reader scrolling or pressing a key first ends the wait (their place wins).
 */
export function rememberScroll(): (settled?: boolean) => void {
  const state = loadState<ScrollState>({ scrollY: 0 }, isScrollState);
  let frame = 0;
  let restored = state.scrollY === 0;
  const readerMoved = () => {
    restored = true;
  };
  window.addEventListener('wheel', readerMoved, { passive: true });
  window.addEventListener('keydown', readerMoved);
  window.addEventListener('pointerdown', readerMoved);
  window.addEventListener('scroll', () => {
    if (frame || !restored) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      state.scrollY = window.scrollY;
      saveState(state);
    });
  });
  return (settled = true) => {
    if (restored) return;
    const reachable = document.documentElement.scrollHeight - window.innerHeight;
    window.scrollTo(0, Math.min(state.scrollY, Math.max(reachable, 0)));
    if (settled && reachable >= state.scrollY) restored = true;
  };
}
