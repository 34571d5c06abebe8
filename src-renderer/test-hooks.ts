/**
 * What end-to-end tests may look at in the page. Present only when the host was started with
 * --test-hooks (it then adds <meta name="softphone-test-hooks" content="on">); inert otherwise.
 * The SIP legs' hooks are in sip/test-hooks.ts; the desk's tones are here.
 */

export type ToneName = 'ringtone' | 'ringback';

declare global {
  interface Window {
    /** What each tone's output element plays, for tone analysis. */
    __softphoneTones?: Partial<Record<ToneName, () => MediaStream | undefined>>;
  }
}

export function testHooksEnabled(): boolean {
  return typeof document !== 'undefined' && document.querySelector('meta[name="softphone-test-hooks"][content="on"]') !== null;
}

export function exposeToneForTests(name: ToneName, tone: { readonly stream: MediaStream | undefined }): void {
  if (!testHooksEnabled()) return;
  window.__softphoneTones ??= {};
  window.__softphoneTones[name] = () => tone.stream;
}
