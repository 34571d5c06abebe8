import type { Settings } from '../../contract/settings.js';

/** The current settings, read when the engine needs them (they change at run time). */
export interface SettingsSource {
  current(): Settings;
}
