/**
 * The desktop app's SecretVault: secrets encrypted by the OS keystore through Electron's
 * safeStorage (macOS Keychain, Windows DPAPI, GNOME Keyring / KWallet on Linux), stored base64
 * in DATA_DIR/secrets.json, written atomically and owner-only (0600).
 *
 * Invariant: no secret is ever written in plaintext. On Linux without a keyring, Chromium falls
 * back to the 'basic_text' backend, which "encrypts" with a key built into every copy of
 * Chromium; that is plaintext in all but name, so the vault refuses to store anything there and
 * says what to do instead.
 *
 * safeStorage comes in as a SafeStorageLike, so the vault is unit-tested in plain Node.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeskError } from '../contract/result.js';
import type { Logger } from '../engine/ports/logger.js';
import type { SecretVault } from '../host/secret-vault.js';
import { writeFileAtomically } from '../store/atomic-file.js';

export const SECRETS_FILE_NAME = 'secrets.json';

/** The part of Electron's safeStorage the vault uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only; Electron returns 'unknown' before 'ready'. */
  getSelectedStorageBackend?(): string;
}

export const BASIC_TEXT_REFUSAL =
  "No OS keystore is available (Linux 'basic_text' backend): the SIP password was not saved. " +
  'Install and unlock a keyring (GNOME Keyring or KWallet) and restart.';

export const ENCRYPTION_UNAVAILABLE_REFUSAL =
  'No OS keystore is available (encryption is unavailable): the SIP password was not saved. ' +
  'Make sure your account can use the system keystore (the macOS Keychain, or Windows DPAPI), ' +
  'or on Linux install and unlock a keyring (GNOME Keyring or KWallet), and restart.';

/**
 * The OS keystore cannot protect a secret, so it was not stored. A DeskError, so the dispatcher
 * shows its message to the person saving settings rather than a generic "internal" error.
 */
export class KeystoreUnavailableError extends DeskError {
  constructor(message: string) {
    super('settings_invalid', message);
    this.name = 'KeystoreUnavailableError';
  }
}

/** secrets.json exists but cannot be used; the message names the file and what to do. */
export class SecretsFileError extends Error {
  readonly file: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}. Delete the file and enter the SIP password again in Settings.`);
    this.name = 'SecretsFileError';
    this.file = file;
  }
}

interface SecretsFile {
  readonly version: 1;
  /** key → base64 of safeStorage.encryptString(value) */
  readonly secrets: Readonly<Record<string, string>>;
}

export interface SafeStorageVaultOptions {
  readonly dataDir: string;
  readonly safeStorage: SafeStorageLike;
  readonly logger: Logger;
  /** Defaults to process.platform. */
  readonly platform?: NodeJS.Platform;
}

export class SafeStorageVault implements SecretVault {
  readonly #file: string;
  readonly #dataDir: string;
  readonly #safeStorage: SafeStorageLike;
  readonly #logger: Logger;
  readonly #platform: NodeJS.Platform;
  #secrets: Record<string, string>;
  readonly #unreadable = new Set<string>();

  /** Reads secrets.json at once. @throws SecretsFileError when it exists but is not valid. */
  constructor({ dataDir, safeStorage, logger, platform = process.platform }: SafeStorageVaultOptions) {
    this.#dataDir = dataDir;
    this.#file = join(dataDir, SECRETS_FILE_NAME);
    this.#safeStorage = safeStorage;
    this.#logger = logger;
    this.#platform = platform;
    this.#secrets = readSecretsFile(this.#file);
  }

  get description(): string {
    switch (this.#platform) {
      case 'darwin':
        return 'the macOS Keychain';
      case 'win32':
        return 'Windows DPAPI (your Windows account)';
      default: {
        const backend = this.#safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
        if (backend === 'gnome_libsecret') return 'the GNOME Keyring (libsecret)';
        if (backend.startsWith('kwallet')) return 'KWallet';
        return `no keystore (${backend})`;
      }
    }
  }

  /**
   * Why secrets cannot be stored now, or null when they can. Checked on every write: the
   * backend is fixed for the process, but encryption can be unavailable (e.g. before 'ready').
   */
  refusal(): string | null {
    if (this.#platform === 'linux') {
      const backend = this.#safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
      // 'unknown' means asked before 'ready' or a backend we cannot vouch for: refuse as well.
      if (backend === 'basic_text' || backend === 'unknown') return BASIC_TEXT_REFUSAL;
    }
    if (!this.#safeStorage.isEncryptionAvailable()) return ENCRYPTION_UNAVAILABLE_REFUSAL;
    return null;
  }

  /**
   * The secret, or undefined when none is stored or it cannot be decrypted (the keyring it was
   * sealed with is gone or locked); the latter is logged once, never thrown: the desk must
   * still start so the person can enter the password again.
   */
  get(key: string): string | undefined {
    const sealed = this.#secrets[key];
    if (sealed === undefined) return undefined;
    try {
      return this.#safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    } catch (error) {
      if (!this.#unreadable.has(key)) {
        this.#unreadable.add(key);
        this.#logger.warn('a stored secret cannot be decrypted; enter it again', {
          key,
          keystore: this.description,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      return undefined;
    }
  }

  /** @throws KeystoreUnavailableError (and writes nothing) when the OS keystore cannot protect it. */
  set(key: string, value: string): void {
    const refusal = this.refusal();
    if (refusal !== null) {
      this.#logger.warn('secret not stored: no OS keystore', { key, keystore: this.description });
      throw new KeystoreUnavailableError(refusal);
    }
    const sealed = this.#safeStorage.encryptString(value).toString('base64');
    this.#write({ ...this.#secrets, [key]: sealed });
    this.#unreadable.delete(key);
  }

  delete(key: string): void {
    if (!(key in this.#secrets)) return;
    const { [key]: _removed, ...rest } = this.#secrets;
    this.#write(rest);
    this.#unreadable.delete(key);
  }

  #write(secrets: Record<string, string>): void {
    const content: SecretsFile = { version: 1, secrets };
    writeFileAtomically(this.#file, `${JSON.stringify(content, null, 2)}\n`);
    this.#secrets = secrets;
  }
}

function readSecretsFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new SecretsFileError(file, `cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SecretsFileError(file, 'is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { version?: unknown }).version !== 1) {
    throw new SecretsFileError(file, 'is not a version 1 secrets file');
  }
  const secrets = (parsed as { secrets?: unknown }).secrets;
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) {
    throw new SecretsFileError(file, '"secrets" must be an object');
  }
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(secrets)) {
    if (typeof value !== 'string') throw new SecretsFileError(file, `secrets.${key} must be a base64 string`);
    result[key] = value;
  }
  return result;
}
