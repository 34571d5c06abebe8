/**
 * Launch Debian's /usr/bin/chromium through Playwright, one browser process
 * per SIP participant.
 *
 * Why one process each: Chromium's fake microphone is a process-wide flag
 * (--use-file-for-fake-audio-capture), so giving each participant its own
 * tone needs its own browser. Why a persistent context: it is the supported
 * way to give Chromium a user-data dir (a --user-data-dir argument is not).
 * Never run `playwright install` here: it downloads a browser and fails.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags measured to work on this machine (see shared/testbed-notes.md). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
  // Remote audio and AudioContexts start without a click.
  '--autoplay-policy=no-user-gesture-required',
];

export interface LaunchOptions {
  /** WAV file the fake microphone plays (looped), e.g. from writeToneWav(). */
  fakeAudioFile?: string;
  /** Origin (e.g. http://127.0.0.1:1234) to grant microphone + notifications; all origins if omitted. */
  origin?: string;
  /** Extra Chromium flags. */
  extraArgs?: string[];
  /** Default true. Set HEADED=1 to watch. */
  headless?: boolean;
  /** Print the page's console messages to stdout with this prefix (debugging aid). */
  consolePrefix?: string;
}

export interface ChromiumPeer {
  context: BrowserContext;
  /** The context's first page. */
  page: Page;
  /** Its profile directory: names this browser's processes (`--user-data-dir=…`) for CPU readings. */
  userDataDir: string;
  /** Close the browser and delete its profile dir. Safe to call twice. */
  close(): Promise<void>;
}

/** One exit handler removes every profile this process created (one per browser would pile up listeners). */
const profileDirs = new Set<() => void>();
process.once('exit', () => profileDirs.forEach((remove) => remove()));

/** Launch a Chromium process with its own temporary profile. */
export async function launchChromium(options: LaunchOptions = {}): Promise<ChromiumPeer> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'chromium-peer-'));
  // If the test process dies, still remove the profile (Playwright itself
  // kills the browsers it launched when its process exits).
  const removeDir = (): void => rmSync(userDataDir, { recursive: true, force: true });
  profileDirs.add(removeDir);

  const args = [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])];
  if (options.fakeAudioFile) args.push(`--use-file-for-fake-audio-capture=${options.fakeAudioFile}`);

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless ?? process.env.HEADED !== '1',
      args,
    });
  } catch (error) {
    removeDir();
    throw error;
  }
  const permissions = ['microphone', 'notifications'];
  if (options.origin) await context.grantPermissions(permissions, { origin: options.origin });
  else await context.grantPermissions(permissions);

  const page = context.pages()[0] ?? (await context.newPage());
  if (options.consolePrefix) {
    const prefix = options.consolePrefix;
    page.on('console', (msg) => console.log(`${prefix} ${msg.type()}: ${msg.text()}`));
    page.on('pageerror', (err) => console.log(`${prefix} pageerror: ${err.message}`));
  }

  let closed = false;
  return {
    context,
    page,
    userDataDir,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        removeDir();
        process.removeListener('exit', removeDir);
      }
    },
  };
}
