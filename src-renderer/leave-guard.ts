/**
 * Asks before the page goes while it carries calls. A reload (Ctrl+R, F5) or a closed tab or
 * window would end every call in it at once, and a conference this desk hosts for everyone in
 * it. The browser asks in its own words ("Leave site?"); in the desktop app main asks
 * (src-main/desktop/leave-guard.ts). With no call in this window the page goes without a word.
 */
export function guardLeaving(carriesCalls: () => boolean): () => void {
  const beforeUnload = (event: BeforeUnloadEvent): void => {
    if (!carriesCalls()) return;
    event.preventDefault();
    // Chromium before 119 asked only when returnValue was set as well.
    event.returnValue = true;
  };
  window.addEventListener('beforeunload', beforeUnload);
  return () => window.removeEventListener('beforeunload', beforeUnload);
}
