/**
 * The live settings: loaded from settings.json at start, changed by the UI, written back.
 * With a vault, the SIP password is moved out of the file into the vault on load and on save,
 * and put back only in what the renderer receives (SIP.js needs it there to authenticate).
 */
import type { Settings, SettingsPatch } from '../contract/settings.js';
import type { SettingsSource } from '../engine/ports/settings.js';
import { applySettingsPatch, loadSettings, saveSettings } from '../store/settings-file.js';
import type { SecretVault } from './secret-vault.js';

const PASSWORD_KEY = 'sip.password';

export class SettingsService implements SettingsSource {
  readonly #dataDir: string;
  readonly #vault: SecretVault | undefined;
  #settings: Settings;
  readonly #listeners = new Set<(settings: Settings) => void>();

  /** Throws SettingsFileError (naming file, key and problem) when settings.json is malformed. */
  constructor(dataDir: string, vault?: SecretVault) {
    this.#dataDir = dataDir;
    this.#vault = vault;
    this.#settings = loadSettings(dataDir);
    if (vault && this.#settings.sip.password !== '') this.#persist(this.#settings);
  }

  /** Settings with the password filled in from the vault. */
  current(): Settings {
    const password = this.#vault?.get(PASSWORD_KEY);
    if (password === undefined) return this.#settings;
    return { ...this.#settings, sip: { ...this.#settings.sip, password } };
  }

  update(patch: SettingsPatch): Settings {
    const next = applySettingsPatch(this.current(), patch);
    this.#persist(next);
    const current = this.current();
    this.#listeners.forEach((listener) => listener(current));
    return current;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #persist(settings: Settings): void {
    let onDisk = settings;
    if (this.#vault) {
      if (settings.sip.password === '') this.#vault.delete(PASSWORD_KEY);
      else this.#vault.set(PASSWORD_KEY, settings.sip.password);
      onDisk = { ...settings, sip: { ...settings.sip, password: '' } };
    }
    saveSettings(this.#dataDir, onDisk);
    this.#settings = onDisk;
  }
}
