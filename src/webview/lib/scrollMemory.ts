// The views' scroll position across reloads: panels are not kept alive while hidden, and VS Code
// brings views back after a window reload, so the place a reader was at is kept with setState.
import type { ScanStateView } from '../../shared/messages';
import { loadState, saveState } from './host';

interface ScrollState {
  scrollY: number;
}

function isScrollState(value: unknown): value is ScrollState {
  return typeof value === 'object' && value !== null && typeof (value as Partial<ScrollState>).scrollY === 'number';
}

/**
 * Starts saving the scroll position; call the returned function after each render, saying whether the
 * render is settled (see isScanSettled). It goes back to the saved place after every render until a
 * settled one is tall enough to reach it: a view restored after a reload first shows what it has while
 * its scan is still running, and the scan's last render changes the lines above the place (a status line
 * becomes totals), so a place applied only once would drift or be clamped. The reader scrolling or
 * pressing a key first ends the wait (their place wins).
 *
 * `place` is the saved state holding the position, and `save` stores it: by default a state of its own;
 * a view that keeps more in its state passes that state and its own save.
 */
export function rememberScroll(
  place: ScrollState = loadState<ScrollState>({ scrollY: 0 }, isScrollState),
  save: () => void = () => saveState(place),
): (settled?: boolean) => void {
  let frame = 0;
  let restored = place.scrollY === 0;
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
      place.scrollY = window.scrollY;
      save();
    });
  });
  return (settled = true) => {
    if (restored) return;
    const reachable = document.documentElement.scrollHeight - window.innerHeight;
    window.scrollTo(0, Math.min(place.scrollY, Math.max(reachable, 0)));
    if (settled && reachable >= place.scrollY) restored = true;
  };
}

/**
 * Whether no scan render is still to come: until the scan has ended (assessed or failed), another render
 * follows with different lines above the reader's place. A view without a scan has none to wait for.
 */
export function isScanSettled(scan: ScanStateView | undefined): boolean {
  return scan === undefined || (!scan.scanning && (scan.assessed || scan.error !== undefined));
}
