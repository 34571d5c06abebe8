import { describe, expect, it } from 'vitest';
import {
  isExternalLinkAllowed,
  isNavigationAllowed,
  isPermissionAllowed,
} from '../../../src-main/desktop/security-policy.js';

describe('permission allow-list', () => {
  it('allows the microphone to the app origin', () => {
    expect(isPermissionAllowed({ permission: 'media', requestingOrigin: 'app://desk', mediaTypes: ['audio'] })).toBe(true);
    expect(isPermissionAllowed({ permission: 'media', requestingOrigin: 'app://desk/', mediaTypes: ['audio'] })).toBe(true);
    expect(
      isPermissionAllowed({ permission: 'media', requestingOrigin: 'app://desk/index.html', mediaTypes: ['audio'] }),
    ).toBe(true);
  });

  it('refuses the camera, alone or together with the microphone', () => {
    expect(isPermissionAllowed({ permission: 'media', requestingOrigin: 'app://desk', mediaTypes: ['video'] })).toBe(false);
    expect(
      isPermissionAllowed({ permission: 'media', requestingOrigin: 'app://desk', mediaTypes: ['audio', 'video'] }),
    ).toBe(false);
  });

  it('refuses media when the kinds are not stated or unknown', () => {
    expect(isPermissionAllowed({ permission: 'media', requestingOrigin: 'app://desk' })).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', requestingOrigin: 'app://desk', mediaTypes: [] })).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', requestingOrigin: 'app://desk', mediaTypes: ['unknown'] })).toBe(
      false,
    );
  });

  it.each([
    'https://evil.example',
    'http://127.0.0.1:5175',
    'file:///',
    'app://evil',
    'app://desk.evil',
    'app://desk:8080',
    'app://desk@evil',
    'null',
    '',
  ])('refuses the microphone to %j', (requestingOrigin) => {
    expect(isPermissionAllowed({ permission: 'media', requestingOrigin, mediaTypes: ['audio'] })).toBe(false);
  });

  it('refuses the microphone to a sub-frame even of the app origin', () => {
    expect(
      isPermissionAllowed({ permission: 'media', requestingOrigin: 'app://desk', mediaTypes: ['audio'], isMainFrame: false }),
    ).toBe(false);
  });

  it('allows notifications to the app origin only', () => {
    expect(isPermissionAllowed({ permission: 'notifications', requestingOrigin: 'app://desk' })).toBe(true);
    expect(isPermissionAllowed({ permission: 'notifications', requestingOrigin: 'https://evil.example' })).toBe(false);
  });

  it.each([
    'geolocation',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fullscreen',
    'openExternal',
    'midi',
    'midiSysex',
    'hid',
    'serial',
    'usb',
    'pointerLock',
    'idle-detection',
    'fileSystem',
    'speaker-selection',
    'unknown',
  ])('refuses %s even to the app origin', (permission) => {
    expect(isPermissionAllowed({ permission, requestingOrigin: 'app://desk', mediaTypes: ['audio'] })).toBe(false);
  });
});

describe('navigation', () => {
  it('stays on the app origin', () => {
    expect(isNavigationAllowed('app://desk/index.html')).toBe(true);
    expect(isNavigationAllowed('app://desk/index.html#/history')).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:5175/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    'app://evil/index.html',
    'app://desk@evil/index.html',
    'app://desk:1/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isNavigationAllowed(url)).toBe(false);
  });
});

describe('links handed to the system browser', () => {
  it('accepts http and https', () => {
    expect(isExternalLinkAllowed('https://docs.example.com/help')).toBe(true);
    expect(isExternalLinkAllowed('http://intranet.local/crm?id=4')).toBe(true);
  });

  it.each([
    'file:///C:/Windows/System32/calc.exe',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id',
    'app://desk/index.html',
    'https://user:pass@example.com/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isExternalLinkAllowed(url)).toBe(false);
  });
});
