// safeStorage is faked because the Electron binary cannot run here. The fake seals strings the
// way the real one does from the vault's point of view: opaque bytes that only it can open.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../../src-main/engine/ports/logger.js';
import { createDeskHost } from '../../../src-main/host/desk-host.js';
import {
  BASIC_TEXT_REFUSAL,
  KeystoreUnavailableError,
  SafeStorageVault,
  SecretsFileError,
  type SafeStorageLike,
} from '../../../src-main/desktop/safe-storage-vault.js';

const PASSWORD = 'correct-horse-battery-staple';

class FakeSafeStorage implements SafeStorageLike {
  constructor(
    private readonly backend: string = 'gnome_libsecret',
    private readonly available = true,
    private readonly key = 0x5a,
  ) {}
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    const body = Buffer.from(plainText, 'utf8').map((byte) => byte ^ this.key);
    return Buffer.concat([Buffer.from('v11'), body]);
  }
  decryptString(encrypted: Buffer): string {
    if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext');
    return Buffer.from(encrypted.subarray(3).map((byte) => byte ^ this.key)).toString('utf8');
  }
}

/** The keyring that sealed the secret is gone or locked. */
class LockedSafeStorage extends FakeSafeStorage {
  override decryptString(): string {
    throw new Error('Error while decrypting the ciphertext');
  }
}

const logger = (): Logger => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'desk-vault-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function vault(safeStorage: SafeStorageLike = new FakeSafeStorage(), platform: NodeJS.Platform = 'linux', log = logger()) {
  return new SafeStorageVault({ dataDir, safeStorage, logger: log, platform });
}

describe('safeStorage vault', () => {
  it('stores the secret encrypted, never in plaintext, in an owner-only file', () => {
    vault().set('sip.password', PASSWORD);

    const file = join(dataDir, 'secrets.json');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    const stored = JSON.parse(text) as { version: number; secrets: Record<string, string> };
    expect(stored.version).toBe(1);
    expect(Buffer.from(stored.secrets['sip.password'] ?? '', 'base64').subarray(0, 3).toString()).toBe('v11');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual(['secrets.json']);
  });

  it('round-trips through a new vault on the same folder', () => {
    vault().set('sip.password', PASSWORD);
    expect(vault().get('sip.password')).toBe(PASSWORD);
    expect(vault().get('other')).toBeUndefined();
  });

  it("refuses to store on Linux's basic_text backend, with the remedy, and writes nothing", () => {
    const subject = vault(new FakeSafeStorage('basic_text'));
    expect(() => subject.set('sip.password', PASSWORD)).toThrow(KeystoreUnavailableError);
    expect(() => subject.set('sip.password', PASSWORD)).toThrow(BASIC_TEXT_REFUSAL);
    expect(BASIC_TEXT_REFUSAL).toBe(
      "No OS keystore is available (Linux 'basic_text' backend): the SIP password was not saved. " +
        'Install and unlock a keyring (GNOME Keyring or KWallet) and restart.',
    );
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses on a Linux backend it cannot vouch for', () => {
    expect(() => vault(new FakeSafeStorage('unknown')).set('sip.password', PASSWORD)).toThrow(BASIC_TEXT_REFUSAL);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses wherever encryption is unavailable', () => {
    const subject = vault(new FakeSafeStorage('unknown', false), 'darwin');
    expect(() => subject.set('sip.password', PASSWORD)).toThrow(/No OS keystore is available \(encryption is unavailable\)/);
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
  });

  it('stores on macOS and Windows without asking for a Linux backend', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const safeStorage = new FakeSafeStorage('basic_text');
      const backend = vi.spyOn(safeStorage, 'getSelectedStorageBackend');
      vault(safeStorage, platform).set('sip.password', PASSWORD);
      expect(backend).not.toHaveBeenCalled();
      expect(vault(safeStorage, platform).get('sip.password')).toBe(PASSWORD);
    }
  });

  it('deletes a secret', () => {
    const subject = vault();
    subject.set('sip.password', PASSWORD);
    subject.delete('sip.password');
    expect(subject.get('sip.password')).toBeUndefined();
    expect(vault().get('sip.password')).toBeUndefined();
  });

  it('reads a secret it can no longer decrypt as absent, and says so once in the log', () => {
    vault().set('sip.password', PASSWORD);
    const log = logger();
    const locked = vault(new LockedSafeStorage(), 'linux', log);
    expect(locked.get('sip.password')).toBeUndefined();
    expect(locked.get('sip.password')).toBeUndefined();
    expect(log.warn).toHaveBeenCalledOnce();
    expect(JSON.stringify(vi.mocked(log.warn).mock.calls)).not.toContain(PASSWORD);
  });

  it('names the file when secrets.json is not valid', () => {
    writeFileSync(join(dataDir, 'secrets.json'), '{ nope');
    expect(() => vault()).toThrow(SecretsFileError);
    expect(() => vault()).toThrow(`${join(dataDir, 'secrets.json')}: is not valid JSON`);
  });

  it('describes the keystore it uses', () => {
    expect(vault(new FakeSafeStorage(), 'darwin').description).toBe('the macOS Keychain');
    expect(vault(new FakeSafeStorage('kwallet6'), 'linux').description).toBe('KWallet');
    expect(vault(new FakeSafeStorage('basic_text'), 'linux').description).toBe('no keystore (basic_text)');
  });
});

describe('safeStorage vault behind the desk host', () => {
  it('moves the SIP password out of settings.json into the vault', async () => {
    const host = createDeskHost({ dataDir, logger: logger(), vault: vault() });
    try {
      const result = await host.dispatch('settings.update', { sip: { password: PASSWORD } }, { connectionId: 'w', isActiveDesk: true });
      expect(result).toMatchObject({ ok: true, value: { sip: { password: PASSWORD } } });
      expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain(PASSWORD);
      expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(PASSWORD);
    } finally {
      host.close();
    }
  });

  it('tells the person saving settings that no keystore is available, and keeps no plaintext', async () => {
    const host = createDeskHost({ dataDir, logger: logger(), vault: vault(new FakeSafeStorage('basic_text')) });
    try {
      const result = await host.dispatch('settings.update', { sip: { password: PASSWORD } }, { connectionId: 'w', isActiveDesk: true });
      expect(result).toEqual({ ok: false, error: { code: 'settings_invalid', message: BASIC_TEXT_REFUSAL } });
      expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
      for (const file of readdirSync(dataDir)) {
        if (statSync(join(dataDir, file)).isFile()) expect(readFileSync(join(dataDir, file)).includes(PASSWORD), file).toBe(false);
      }
    } finally {
      host.close();
    }
  });
});
