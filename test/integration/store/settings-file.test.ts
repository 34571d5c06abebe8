import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings, Settings } from '../../../src-main/contract/settings.js';
import { SettingsFileError, SettingsInvalidError } from '../../../src-main/store/errors.js';
import {
  loadSettings,
  saveSettings,
  settingsFilePath,
  updateSettings,
} from '../../../src-main/store/settings-file.js';
import { useTempDir } from './support.js';

const temp = useTempDir();

function writeSettings(text: string): string {
  const file = settingsFilePath(temp.dir());
  writeFileSync(file, text);
  return file;
}

function loadError(): SettingsFileError {
  try {
    loadSettings(temp.dir());
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsFileError);
    return error as SettingsFileError;
  }
  throw new Error('loadSettings did not throw');
}

const full: Settings = {
  ...defaultSettings(),
  sip: {
    server: 'wss://sip.example.com:8443/ws',
    uri: 'sip:agent1@example.com',
    username: 'agent1',
    password: 'pässwörd "quoted"',
    display_name: 'Agent Ünü',
    dtmf: 'info',
    ice_servers: [{ urls: ['stun:stun.example.com'] }, { urls: 'turn:t.example.com', username: 'u', credential: 'c' }],
  },
  dial: { default_country: 'GB', confirm_before_dial: true },
  audio: { microphone_id: 'mic-1', speaker_id: 'spk-2', ringer_id: '', ring_volume: 0.25, open_microphone_while_ringing: false, play_early_media: false },
  supervisors: [{ sip_uri: 'sip:sup1@example.com', name: 'Sam Supervisor' }],
  agents: [{ email: 'ana@example.com', name: 'Ana', sip_uri: 'sip:ana@example.com' }],
};

describe('loadSettings', () => {
  it('gives the defaults for an absent file and writes nothing', () => {
    const dir = temp.dir();
    expect(loadSettings(dir)).toEqual(defaultSettings());
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fills defaults for sections and keys the file leaves out', () => {
    writeSettings('{ "sip": { "server": "ws://127.0.0.1:5066" } }');
    const settings = loadSettings(temp.dir());
    expect(settings.sip.server).toBe('ws://127.0.0.1:5066');
    expect(settings.sip.dtmf).toBe('rfc4733');
    expect(settings.dial).toEqual(defaultSettings().dial);
  });

  it('reads a file with a UTF-8 byte order mark', () => {
    writeSettings(`\uFEFF${JSON.stringify(full)}`);
    expect(loadSettings(temp.dir())).toEqual(full);
  });

  it('names the file, line and column of a JSON syntax error', () => {
    const file = writeSettings('{\n  "sip": {\n    "server": "wss://a/ws",\n  }\n}\n');
    const error = loadError();
    expect(error.message).toBe(
      `${file}: not valid JSON (Unexpected token } at line 4 column 3; JSON allows no comma before the closing bracket)`,
    );
    expect(error.code).toBe('settings_invalid');
    expect([error.line, error.column]).toEqual([4, 3]);
  });

  it('names the file and line for a truncated file', () => {
    const file = writeSettings('{\n  "sip": {\n    "server": "wss://a/ws"');
    expect(loadError().message).toBe(`${file}: not valid JSON (Unexpected end of file at line 3 column 27; expected , or })`);
  });

  it('refuses an empty file with advice', () => {
    const file = writeSettings('  \n');
    expect(loadError().message).toBe(`${file}: is empty; write {} for the defaults, or delete the file`);
  });

  it('names the key path and the problem of a bad value', () => {
    const file = writeSettings('{ "sip": { "server": "https://sip.example.com" } }');
    expect(loadError().message).toBe(
      `${file}: sip.server: must be a WebSocket URL starting with wss:// or ws://`,
    );
  });

  it('describes type mistakes in plain words', () => {
    const file = writeSettings('{ "audio": { "ring_volume": "loud" }, "sip": { "dtmf": "sip-info" } }');
    const error = loadError();
    expect(error.message).toContain(file);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { path: 'audio.ring_volume', message: 'must be a number, not text' },
        { path: 'sip.dtmf', message: 'must be one of "rfc4733", "info"' },
      ]),
    );
  });

  it('names a nested array path', () => {
    writeSettings('{ "sip": { "ice_servers": [ { "urls": 3478 } ] } }');
    expect(loadError().problems).toEqual([
      { path: 'sip.ice_servers[0].urls', message: 'must be text in double quotes or a list ([ ... ]), not a number' },
    ]);
  });

  it('says when a number is out of range', () => {
    const file = writeSettings('{ "audio": { "ring_volume": 1.5 } }');
    expect(loadError().message).toBe(`${file}: audio.ring_volume: must be at most 1`);
  });

  it('refuses an unknown key with its path and the known keys', () => {
    const file = writeSettings('{ "sip": { "sever": "wss://a/ws" } }');
    expect(loadError().message).toBe(
      `${file}: sip.sever: is not a known setting (known keys here: server, uri, username, password, display_name, dtmf, ice_servers)`,
    );
  });

  it('refuses an unknown top-level section', () => {
    writeSettings('{ "sipp": {} }');
    expect(loadError().problems).toEqual([
      { path: 'sipp', message: `is not a known setting (known keys here: ${Object.keys(Settings.shape).join(', ')})` },
    ]);
  });

  it('refuses a document that is not an object', () => {
    const file = writeSettings('[]');
    expect(loadError().message).toBe(`${file}: must hold a JSON object such as {}, not a list`);
  });

  it('reports a settings path that is a folder', () => {
    mkdirSync(settingsFilePath(temp.dir()));
    expect(loadError().message).toMatch(/settings\.json: cannot be read \(it is a folder, not a file\)$/);
  });
});

describe('saveSettings', () => {
  it('round-trips a full nested file', () => {
    saveSettings(temp.dir(), full);
    expect(loadSettings(temp.dir())).toEqual(full);
  });

  it('writes pretty JSON with a trailing newline, owner-only, and leaves no temp file', () => {
    const dir = temp.dir();
    saveSettings(dir, full);
    const file = settingsFilePath(dir);
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(full, null, 2)}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('makes an existing world-readable file owner-only on save', () => {
    const file = writeSettings('{}');
    saveSettings(temp.dir(), full);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('creates the data folder when missing', () => {
    const dir = join(temp.dir(), 'new-data');
    saveSettings(dir, defaultSettings());
    expect(existsSync(settingsFilePath(dir))).toBe(true);
  });

  it('refuses invalid settings and writes nothing', () => {
    const dir = temp.dir();
    const bad = { ...full, dial: { default_country: 'gb', confirm_before_dial: true } };
    expect(() => saveSettings(dir, bad)).toThrow(SettingsInvalidError);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('updateSettings', () => {
  it('merges a patch into the stored file, keeping the other keys', () => {
    const dir = temp.dir();
    saveSettings(dir, full);
    const next = updateSettings(dir, { sip: { server: 'ws://127.0.0.1:5066' } });
    expect(next).toEqual({ ...full, sip: { ...full.sip, server: 'ws://127.0.0.1:5066' } });
    expect(loadSettings(dir)).toEqual(next);
  });

  it('throws on an invalid patch without writing', () => {
    const dir = temp.dir();
    saveSettings(dir, full);
    const before = readFileSync(settingsFilePath(dir), 'utf8');
    expect(() => updateSettings(dir, { sip: { server: 'http://nope' } })).toThrow(
      'sip.server: must be a WebSocket URL starting with wss:// or ws://',
    );
    expect(readFileSync(settingsFilePath(dir), 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });
});
