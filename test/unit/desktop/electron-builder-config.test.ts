// Packaging needs the Electron binary and downloads, so it cannot run here. This loads
// electron-builder.yml with electron-builder's own loader and validates it against its schema,
// then checks the settings the desktop shell relies on. (app-builder-lib is electron-builder's
// core package; these are its internal modules, hence createRequire and loose typing.)
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: Array<string | { filter?: string[] }>;
  asarUnpack?: string[];
  protocols?: Array<{ name: string; schemes: string[] }>;
  win?: { target?: string[] };
  mac?: { target?: string[]; extendInfo?: Record<string, string>; hardenedRuntime?: boolean; entitlements?: string };
  linux?: { target?: string[] };
  electronFuses?: Record<string, boolean>;
}

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(resolve(root, 'node_modules/electron-builder/package.json'));
const configModule = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder.yml', () => {
  it('is valid for electron-builder and packages what the desktop shell needs', async () => {
    const config = await configModule.getConfig(root, null, null);
    await expect(configModule.validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();

    expect(config.productName).toBe('Switchboard Desk');
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    // The loader normalises `files` into file sets; what matters is the list of patterns.
    const files = (config.files ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : (entry.filter ?? [])));
    expect(files).toEqual(['out/**', 'package.json']);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.extendInfo?.NSMicrophoneUsageDescription).toMatch(/microphone/);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.entitlements).toBe('resources/entitlements.mac.plist');
    expect(config.protocols?.flatMap((p) => p.schemes).sort()).toEqual(['callto', 'sip', 'tel']);
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false });
  });
});
