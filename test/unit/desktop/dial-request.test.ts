/** Click-to-dial: links and --dial arguments the OS hands to the desktop app. */
import { describe, expect, it } from 'vitest';
import { dialRequestFromArgs } from '../../../src-main/desktop/dial-request.js';

describe('dialRequestFromArgs', () => {
  it.each([
    [['tel:+1-859-657-9625'], '+18596579625'],
    [['tel:+44%2020%207183%208750'], '+442071838750'],
    [['tel:7183;phone-context=example.com'], '7183'],
    [['tel:+1 (859) 657.9625;ext=12'], '+18596579625'],
    [['callto://+18596579625'], '+18596579625'],
    [['callto:1002'], '1002'],
    [['sip:1002@sip.example.com'], 'sip:1002@sip.example.com'],
    [['sips:agent@sip.example.com;transport=tls?subject=x'], 'sips:agent@sip.example.com'],
    [['--dial', '+1 859 657 9625'], '+18596579625'],
    [['--dial=1002'], '1002'],
    [['/opt/app', '--no-sandbox', '--dial', '*97'], '*97'],
    [['--dial', 'sip:1002@pbx.local'], 'sip:1002@pbx.local'],
  ])('%j dials %s', (argv, target) => {
    expect(dialRequestFromArgs(argv)).toEqual({ target });
  });

  it.each([
    [['--dial'], '--dial needs a number or SIP address: --dial NUMBER'],
    [['--dial', '--data-dir'], '--dial needs a number or SIP address: --dial NUMBER'],
    [['tel:call-me-maybe'], 'Not a number to dial: call-me-maybe'],
    [['tel:%E0%A4%A'], 'This link is malformed: tel:%E0%A4%A'],
    [['sip:no-host'], 'Not a SIP address: sip:no-host'],
    [['sip:a b@host'], 'Not a SIP address: sip:a b@host'],
    [['tel:+1<script>'], 'Not a number to dial: +1<script>'],
  ])('%j is refused: %s', (argv, problem) => {
    expect(dialRequestFromArgs(argv)).toEqual({ problem });
  });

  it('a launch without a dial request asks for nothing', () => {
    expect(dialRequestFromArgs(['/opt/app', '--data-dir', '/tmp/x'])).toBeUndefined();
  });
});
