import { describe, expect, it } from 'vitest';
import { createWindowOptions } from '../../../src-main/desktop/window-options.js';

describe('desk window options', () => {
  const options = createWindowOptions({ preloadPath: '/app/out/preload/index.cjs' });
  const web = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer, with the preload as its only bridge', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.preload).toBe('/app/out/preload/index.cjs');
  });

  it('gives the renderer, its workers and its frames no Node', () => {
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and refuses insecure content, webviews and experimental features', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
  });

  it('stays hidden until ready to show, and fits a narrow strip beside a CRM', () => {
    expect(options.show).toBe(false);
    expect(options.minWidth).toBe(360);
    expect(options.title).toBe('Switchboard Desk');
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });
});
