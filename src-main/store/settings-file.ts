/**
 * DATA_DIR/settings.json: read, validated with the contract's Settings schema, written
 * atomically and owner-only (browser mode keeps the SIP password in it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Settings, SettingsPatch, defaultSettings } from '../contract/settings.js';
import { writeFileAtomically } from './atomic-file.js';
import { SettingsFileError, SettingsInvalidError } from './errors.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { plainWords, toProblems } from './settings-problems.js';

export const SETTINGS_FILE_NAME = 'settings.json';

export function settingsFilePath(dataDir: string): string {
  return join(dataDir, SETTINGS_FILE_NAME);
}

/**
 * Reads DATA_DIR/settings.json. An absent file means defaults (and nothing is written).
 *
 * @throws SettingsFileError naming the file, the key path and the problem, for an unreadable
 *   file, invalid JSON (with line and column), or a value the schema refuses (unknown keys too).
 */
export function loadSettings(dataDir: string): Settings {
  const file = settingsFilePath(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return defaultSettings();
    throw new SettingsFileError(file, [{ path: '', message: `cannot be read (${describeIoError(error)})` }]);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM some Windows editors add
  if (text.trim() === '') {
    throw new SettingsFileError(file, [
      { path: '', message: 'is empty; write {} for the defaults, or delete the file' },
    ]);
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text);
    const detail = found
      ? `${found.problem} at line ${found.line} column ${found.column}${found.hint ? `; ${found.hint}` : ''}`
      : (error as Error).message;
    throw new SettingsFileError(
      file,
      [{ path: '', message: `not valid JSON (${detail})` }],
      found ? { line: found.line, column: found.column } : undefined,
    );
  }

  const parsed = Settings.safeParse(json, { error: plainWords, reportInput: true });
  if (!parsed.success) throw new SettingsFileError(file, toProblems(parsed.error.issues, knownKeys));
  return parsed.data;
}

/**
 * Writes settings.json atomically: a temp file in the same folder, fsync, rename over the old
 * file, fsync the folder. A crash leaves either the old or the new file, never half of one.
 * The file is created with mode 0600 (owner only).
 *
 * @throws SettingsInvalidError (and writes nothing) when `settings` does not satisfy the schema.
 */
export function saveSettings(dataDir: string, settings: Settings): void {
  const valid = validate(settings);
  writeFileAtomically(settingsFilePath(dataDir), `${JSON.stringify(valid, null, 2)}\n`);
}

/**
 * Merges `patch` into `settings` section by section, key by key (a key absent from the patch
 * keeps its value; arrays are replaced whole), then re-validates.
 *
 * Only the keys present in `patch` are applied. Pass the patch as received (after
 * SettingsPatch validation), not zod's parsed output: parsing fills in defaults for every key
 * of a section, which would reset its other keys.
 *
 * @throws SettingsInvalidError with key paths when the patch or the result is invalid.
 */
export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  const checked = SettingsPatch.safeParse(patch, { error: plainWords });
  if (!checked.success) throw new SettingsInvalidError(toProblems(checked.error.issues, knownPatchKeys));
  const merged: Record<string, unknown> = { ...settings };
  for (const [section, changes] of Object.entries(patch as Record<string, unknown>)) {
    if (changes === undefined) continue;
    // Top-level lists and scalars (agents, outbound_numbers, menus, default_outbound_number) replace whole.
    if (changes === null || Array.isArray(changes) || typeof changes !== 'object') {
      merged[section] = changes;
      continue;
    }
    const current = merged[section] as Record<string, unknown>;
    const next = { ...current };
    for (const [key, value] of Object.entries(changes as Record<string, unknown>)) {
      if (value !== undefined) next[key] = value;
    }
    merged[section] = next;
  }
  return validate(merged);
}

/**
 * Load, patch, save: the `settings.update` use case. An invalid patch throws before anything is
 * written.
 */
export function updateSettings(dataDir: string, patch: SettingsPatch): Settings {
  const next = applySettingsPatch(loadSettings(dataDir), patch);
  saveSettings(dataDir, next);
  return next;
}

function validate(value: unknown): Settings {
  const parsed = Settings.safeParse(value, { error: plainWords, reportInput: true });
  if (!parsed.success) throw new SettingsInvalidError(toProblems(parsed.error.issues, knownKeys));
  return parsed.data;
}

function knownKeys(path: readonly PropertyKey[]): readonly string[] {
  return objectKeysAt(Settings, path);
}

function knownPatchKeys(path: readonly PropertyKey[]): readonly string[] {
  return objectKeysAt(SettingsPatch, path);
}

/** The keys an object schema accepts at `path`, looking through defaults, optionals and arrays. */
function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): readonly string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of [...path, null]) {
    while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) {
      current = current.unwrap() as z.ZodType;
    }
    if (segment === null) break;
    if (current instanceof z.ZodObject && typeof segment === 'string') {
      current = (current.shape as Record<string, z.ZodType>)[segment];
    } else if (current instanceof z.ZodArray && typeof segment === 'number') {
      current = current.element as z.ZodType;
    } else {
      return [];
    }
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
