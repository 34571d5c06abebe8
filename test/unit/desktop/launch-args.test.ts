import { describe, expect, it } from 'vitest';
import { parseLaunchArgs } from '../../../src-main/desktop/launch-args.js';

describe('desktop launch arguments', () => {
  it('reads --data-dir DIR and --data-dir=DIR among Chromium switches and the app path', () => {
    expect(parseLaunchArgs(['.', '--no-sandbox', '--data-dir', '/tmp/desk'])).toEqual({ dataDir: '/tmp/desk' });
    expect(parseLaunchArgs(['--enable-logging', '--data-dir=/tmp/other'])).toEqual({ dataDir: '/tmp/other' });
  });

  it('uses the default folder when no --data-dir is given', () => {
    expect(parseLaunchArgs(['.', '--inspect=0'])).toEqual({});
  });

  it('reports a --data-dir without a folder', () => {
    expect(parseLaunchArgs(['--data-dir'])).toEqual({ problem: '--data-dir needs a folder: --data-dir DIR' });
    expect(parseLaunchArgs(['--data-dir', '--no-sandbox'])).toMatchObject({ problem: expect.any(String) });
    expect(parseLaunchArgs(['--data-dir='])).toMatchObject({ problem: expect.any(String) });
  });
});
