/** The store: SQLite call records and the settings file. Composition roots import from here. */
export { openDatabase, BUSY_TIMEOUT_MS, type Database } from './database.js';
export { applyMigrations, readUserVersion } from './migrate.js';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations/index.js';
export { SqliteCallRepository, MAX_PAGE_SIZE } from './sqlite-call-repository.js';
export { encodeHistoryCursor, decodeHistoryCursor, type HistoryKey } from './history-cursor.js';
export {
  loadSettings,
  saveSettings,
  applySettingsPatch,
  updateSettings,
  settingsFilePath,
  SETTINGS_FILE_NAME,
} from './settings-file.js';
export {
  DatabaseTooNewError,
  MigrationError,
  InvalidCursorError,
  InvalidPageSizeError,
  CallRecordNotFoundError,
  CorruptCallRecordError,
  SettingsFileError,
  SettingsInvalidError,
  type SettingsProblem,
} from './errors.js';
export { SqliteGroupCallRepository } from './sqlite-group-call-repository.js';
