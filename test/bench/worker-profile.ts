/**
 * A CPU profile of a page's dedicated worker over a window, summed by function (self time): where
 * the conference mix worker's time goes (`conference-mix.bench.ts --profile-worker`). Playwright
 * has no session for a worker, so this attaches through the page's own DevTools session
 * (`Target.setAutoAttach`) and talks to the worker with `Target.sendMessageToTarget`.
 */
import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface WorkerProfile {
  seconds: number;
  /** Self time per function, in ms per second of the window, largest first. */
  functions: Array<{ name: string; msPerS: number }>;
}

/** Profiles the page's first dedicated worker for `windowMs`; writes the raw profile to `rawPath`. */
export async function profileWorker(page: Page, windowMs: number, rawPath: string): Promise<WorkerProfile> {
  const session = await page.context().newCDPSession(page);
  const replies = new Map<number, (result: unknown) => void>();
  let workerSession = '';
  let nextId = 0;
  session.on('Target.receivedMessageFromTarget', ({ message }: { message: string }) => {
    const reply = JSON.parse(message) as { id?: number; result?: unknown };
    if (reply.id !== undefined) replies.get(reply.id)?.(reply.result);
  });
  const attached = new Promise<void>((found) =>
    session.on('Target.attachedToTarget', ({ sessionId, targetInfo }: { sessionId: string; targetInfo: { type: string } }) => {
      if (targetInfo.type !== 'worker' || workerSession) return;
      workerSession = sessionId;
      found();
    }),
  );
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await attached;
  const inWorker = (method: string, params: object = {}): Promise<unknown> =>
    new Promise((done) => {
      const id = ++nextId;
      replies.set(id, done);
      void session.send('Target.sendMessageToTarget', { sessionId: workerSession, message: JSON.stringify({ id, method, params }) });
    });
  try {
    await inWorker('Profiler.enable');
    await inWorker('Profiler.setSamplingInterval', { interval: 200 }); // µs
    await inWorker('Profiler.start');
    await new Promise((done) => setTimeout(done, windowMs));
    const { profile } = (await inWorker('Profiler.stop')) as { profile: Profile };
    writeFileSync(rawPath, JSON.stringify(profile));
    return summarizeProfile(profile);
  } finally {
    await session.detach().catch(() => undefined);
  }
}

function summarizeProfile(profile: Profile): WorkerProfile {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  profile.samples.forEach((nodeId, i) => {
    const frame = nodes.get(nodeId)!.callFrame;
    const where = frame.url ? ` (${frame.url.split('/').pop()}:${frame.columnNumber})` : '';
    const name = `${frame.functionName || '(anonymous)'}${where}`;
    selfUs.set(name, (selfUs.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  const functions = [...selfUs]
    .map(([name, us]) => ({ name, msPerS: us / 1000 / seconds }))
    .sort((a, b) => b.msPerS - a.msPerS);
  return { seconds, functions };
}
