/**
 * Where secrets live when the platform offers a keystore (the desktop app: Electron safeStorage).
 * Browser mode has none: its password stays in settings.json, which is written owner-only.
 */
export interface SecretVault {
  /** A short name for messages and docs, e.g. "the macOS Keychain". */
  readonly description: string;
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}
