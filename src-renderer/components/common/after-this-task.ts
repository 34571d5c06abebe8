/**
 * Runs work in a task of its own, queued now: after the current task has finished, so after Vue
 * has patched the DOM and the browser may paint, but without a timer, because a hidden window's
 * timers are throttled (to a second or more) and some work must not wait that long (a ringtone
 * is for exactly the moment the window is hidden). Message events are not throttled.
 * Tasks run in the order they were queued.
 */
const channel = typeof MessageChannel === 'undefined' ? undefined : new MessageChannel();
const queue: (() => void)[] = [];

if (channel) {
  channel.port1.onmessage = () => {
    const work = queue.shift();
    work?.();
  };
  // Node (the unit tests) keeps a process alive while a port listens; browsers have no unref.
  (channel.port1 as { unref?: () => void }).unref?.();
}

export function afterThisTask(work: () => void): void {
  if (!channel) {
    queueMicrotask(work);
    return;
  }
  queue.push(work);
  channel.port2.postMessage(null);
}
