/** Lines a unit of a file spans (a compose service, a manifest's object), from its first line to its last. */
export interface LineSpan {
  start: number;
  end: number;
}

/**
 * Finds, for a line, the last span in list order that holds it (the unit a finding on that line is about):
 * what a scan of every span answers, without the scan per finding (a long file has thousands of findings and
 * of units). Spans in file order that at most touch (one ends on the line where the next starts, as a node's
 * range may end where the next key starts) are searched by bisection; any other list is scanned.
 */
export function lastSpanHolding<Span extends LineSpan>(spans: readonly Span[]): (line: number) => Span | undefined {
  if (!inFileOrder(spans)) {
    return (line) => {
      let found: Span | undefined;
      for (const span of spans) if (span.start <= line && line <= span.end) found = span;
      return found;
    };
  }
  return (line) => {
    // The last span starting at or before the line: any earlier one ends at or before that start, so it holds the
    // line only if this one starts on it too, and then this one holds it and comes later.
    let low = 0;
    let high = spans.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (spans[middle].start <= line) low = middle + 1;
      else high = middle;
    }
    const span = low > 0 ? spans[low - 1] : undefined;
    return span && line <= span.end ? span : undefined;
  };
}

/** Each span ends at or after its start, and no later than the next one starts. */
function inFileOrder(spans: readonly LineSpan[]): boolean {
  for (let index = 0; index < spans.length; index++) {
    const span = spans[index];
    if (span.end < span.start) return false;
    const next = spans[index + 1];
    if (next && span.end > next.start) return false;
  }
  return true;
}
