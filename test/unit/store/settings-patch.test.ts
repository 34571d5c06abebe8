import { describe, expect, it } from 'vitest';
import { defaultSettings, Settings } from '../../../src-main/contract/settings.js';
import { SettingsInvalidError } from '../../../src-main/store/errors.js';
import { applySettingsPatch } from '../../../src-main/store/settings-file.js';

const base: Settings = (() => {
  const settings = defaultSettings();
  return {
    ...settings,
    sip: { ...settings.sip, server: 'wss://sip.example.com/ws', uri: 'sip:a@example.com', password: 'secret' },
  };
})();

function invalid(patch: unknown): SettingsInvalidError {
  try {
    applySettingsPatch(base, patch as never);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsInvalidError);
    return error as SettingsInvalidError;
  }
  throw new Error('applySettingsPatch did not throw');
}

describe('applySettingsPatch', () => {
  it('changes only the keys in the patch, section by section', () => {
    const next = applySettingsPatch(base, { sip: { dtmf: 'info' }, audio: { ring_volume: 1 } });
    expect(next).toEqual({
      ...base,
      sip: { ...base.sip, dtmf: 'info' },
      audio: { ...base.audio, ring_volume: 1 },
    });
  });

  it('replaces arrays whole', () => {
    const withIce = applySettingsPatch(base, { sip: { ice_servers: [{ urls: 'stun:a' }, { urls: 'stun:b' }] } });
    const next = applySettingsPatch(withIce, { sip: { ice_servers: [{ urls: 'stun:c' }] } });
    expect(next.sip.ice_servers).toEqual([{ urls: 'stun:c' }]);
  });

  it('treats an empty patch as no change, and does not mutate its input', () => {
    const copy = structuredClone(base);
    expect(applySettingsPatch(base, {})).toEqual(base);
    applySettingsPatch(base, { dial: { default_country: 'GB' } });
    expect(base).toEqual(copy);
  });

  it('throws with the key path for an invalid value', () => {
    expect(invalid({ sip: { server: 'http://x' } }).message).toBe(
      'sip.server: must be a WebSocket URL starting with wss:// or ws://',
    );
    expect(invalid({ audio: { ring_volume: -1 } }).problems).toEqual([
      { path: 'audio.ring_volume', message: 'must be at least 0' },
    ]);
  });

  it('throws with the key path for an unknown key or section', () => {
    expect(invalid({ dial: { country: 'GB' } }).problems).toEqual([
      { path: 'dial.country', message: 'is not a known setting (known keys here: default_country, confirm_before_dial)' },
    ]);
    expect(invalid({ video: {} }).problems).toEqual([
      { path: 'video', message: `is not a known setting (known keys here: ${Object.keys(Settings.shape).join(', ')})` },
    ]);
  });

  it('has the code settings_invalid', () => {
    expect(invalid({ dial: { default_country: 'gb' } }).code).toBe('settings_invalid');
  });
});

describe('applySettingsPatch with the local API sections', () => {
  it('replaces a top-level list whole and merges the api section key by key', async () => {
    const { applySettingsPatch } = await import('../../../src-main/store/settings-file.js');
    const { defaultSettings } = await import('../../../src-main/contract/settings.js');
    const start = { ...defaultSettings(), outbound_numbers: ['+13392195276', '+17608675309'] };
    const next = applySettingsPatch(start, { outbound_numbers: ['+442071838750'], api: { port: 6000 }, default_outbound_number: '+442071838750' });
    expect(next.outbound_numbers).toEqual(['+442071838750']);
    expect(next.api).toEqual({ ...start.api, port: 6000 });
    expect(next.default_outbound_number).toBe('+442071838750');
  });
});
