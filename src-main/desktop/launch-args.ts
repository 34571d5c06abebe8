/**
 * The desktop app's own command-line options. Pure. Electron's argv also carries Chromium
 * switches and, in development, the app path, so unknown arguments are ignored rather than
 * refused.
 *
 *   --data-dir DIR | --data-dir=DIR   where settings, call history and secrets live
 *                                     (default: Electron's userData folder)
 */
export interface LaunchArgs {
  readonly dataDir?: string;
  /** Set when an option we own is malformed; the app says so and stops. */
  readonly problem?: string;
}

export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  let dataDir: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    let value: string | undefined;
    if (arg === '--data-dir') {
      value = argv[index + 1];
      index += 1;
      if (value === undefined || value.startsWith('--')) return { problem: '--data-dir needs a folder: --data-dir DIR' };
    } else if (arg?.startsWith('--data-dir=')) {
      value = arg.slice('--data-dir='.length);
      if (value === '') return { problem: '--data-dir needs a folder: --data-dir=DIR' };
    }
    if (value !== undefined) dataDir = value;
  }
  return dataDir === undefined ? {} : { dataDir };
}
