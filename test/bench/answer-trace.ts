/**
 * BENCH_TRACE_ANSWER=1: a Chromium trace of both sides of a call, from the Answer click until
 * both have first audio: every thread of each page's browser (renderer, GPU process, browser
 * process), with thread CPU times (`tdur`) and JavaScript samples. Written per measured call to
 * test-results/trace-<kind>-<round>.json with the probe's marks and frames beside it, so a
 * reader can line up "200 OK sent" with what each process was doing (docs/benchmarks.md).
 * BENCH_TRACE_RING=1 takes the same trace from the Call click until the ring shows.
 */
import type { CDPSession, Page } from '@playwright/test';

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'webrtc',
  'disabled-by-default-webrtc',
].join(',');

export interface PageTrace {
  /** Stop tracing and resolve to the events, in the order the pages were given. */
  stop(): Promise<unknown[][]>;
}

export async function tracePages(pages: readonly Page[]): Promise<PageTrace> {
  const sessions: CDPSession[] = await Promise.all(pages.map((page) => page.context().newCDPSession(page)));
  const events: unknown[][] = sessions.map(() => []);
  const complete = sessions.map(
    (session, index) =>
      new Promise<void>((resolve) => {
        session.on('Tracing.dataCollected', ({ value }: { value: unknown[] }) => events[index]!.push(...value));
        session.on('Tracing.tracingComplete', () => resolve());
      }),
  );
  for (const session of sessions) await session.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  return {
    async stop() {
      for (const session of sessions) await session.send('Tracing.end');
      await Promise.all(complete);
      await Promise.all(sessions.map((session) => session.detach()));
      return events;
    },
  };
}
