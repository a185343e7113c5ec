/**
 * Resolves once the browser has painted the frame it was called in: a task queued from an
 * animation-frame callback runs after that frame's paint. Where frames do not run (a hidden tab
 * stops them) it resolves after `maxMs`, so nothing waits for the tab to be shown; with no frames
 * at all (tests, the server) it resolves at once.
 *
 * People asks the server for a view only after the tab has painted its own narrowing of the
 * previous rows (people-query.ts): the request's work, wherever it runs, then starts after the
 * officer already sees the rows instead of during their paint.
 */
export function afterNextPaint(maxMs = 100): Promise<void> {
  if (typeof requestAnimationFrame !== "function") return Promise.resolve();
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, maxMs);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}
