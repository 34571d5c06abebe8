import { describe, expect, it } from 'vitest';
import {
  displayAddress,
  endedLine,
  formatClock,
  historyTime,
  liveStateWords,
  outcomeWords,
  parseDuration,
  partyOf,
  registrationWords,
} from '../../../src-renderer/stores/words.js';
import { snapshot } from './fake-desk-client.js';

describe('words', () => {
  it.each([
    [{ state: 'COMPLETED', end_reason: 'completed' }, 'Answered'],
    [{ state: 'NOT_ANSWERED', end_reason: 'missed' }, 'Missed'],
    [{ state: 'NOT_ANSWERED', end_reason: 'answered_elsewhere' }, 'Answered elsewhere'],
    [{ state: 'REJECTED', end_reason: 'declined' }, 'Declined'],
    [{ state: 'BUSY', end_reason: 'busy' }, 'Busy'],
    [{ state: 'NOT_ANSWERED', end_reason: 'no_answer' }, 'No answer'],
    [{ state: 'FAILED', end_reason: 'not_found' }, 'Not found'],
    [{ state: 'FAILED', end_reason: 'network' }, 'Connection lost'],
    [{ state: 'FAILED', end_reason: 'desk_closed' }, 'Desk closed'],
    [{ state: 'BUSY', end_reason: null }, 'Busy'],
    [{ state: 'COMPLETED', end_reason: null }, 'Answered'],
  ] as const)('outcome of %o is %s', (call, words) => {
    expect(outcomeWords(call)).toBe(words);
  });

  it('describes live states', () => {
    expect(liveStateWords({ direction: 'OUTGOING', state: 'STARTING', held: false })).toBe('Calling…');
    expect(liveStateWords({ direction: 'OUTGOING', state: 'RINGING', held: false })).toBe('Ringing…');
    expect(liveStateWords({ direction: 'INCOMING', state: 'IN_PROGRESS', held: false })).toBe('Connected');
    expect(liveStateWords({ direction: 'INCOMING', state: 'IN_PROGRESS', held: true })).toBe('On hold');
  });

  it('reads addresses the way people do', () => {
    expect(displayAddress('sip:1002@sip.test')).toBe('1002');
    expect(displayAddress('sip:+442079460018@sip.test;user=phone')).toBe('+44 20 7946 0018');
    expect(displayAddress('sip:alice@example.com')).toBe('alice@example.com');
    expect(displayAddress('"Bob" <sip:bob@example.com>')).toBe('bob@example.com');
    expect(partyOf(snapshot({ remote_name: 'Alice' })).label).toBe('Alice');
    expect(partyOf(snapshot({ direction: 'OUTGOING', to: 'sip:1003@sip.test' })).label).toBe('1003');
  });

  it('formats durations and the ended line', () => {
    expect(parseDuration('12.345s')).toBeCloseTo(12.345);
    expect(parseDuration(null)).toBeNull();
    expect(formatClock(72.9)).toBe('01:12');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(endedLine(snapshot({ state: 'BUSY', end_reason: 'busy' }))).toBe('Call ended — Busy');
    expect(endedLine(snapshot({ state: 'COMPLETED', end_reason: 'completed', answer_duration: '65.2s' }))).toBe('Call ended — 01:05');
    // The desk's own failure says why; a far end's failure stays a plain outcome.
    const noMicrophone = 'Could not answer: no microphone was found';
    expect(endedLine(snapshot({ state: 'FAILED', end_reason: 'failed', error_code: 'answer_failed', error_message: noMicrophone }))).toBe(noMicrophone);
    expect(endedLine(snapshot({ state: 'FAILED', end_reason: 'failed', error_code: '503', error_message: 'Service Unavailable' }))).toBe('Call ended — Failed');
  });

  it('words the registration', () => {
    const now = 1_000_000;
    expect(registrationWords({ state: 'registered', reason: null, next_attempt_at: null }, 'sip:1001@sip.test', now)).toBe('Registered as 1001');
    expect(registrationWords({ state: 'registering', reason: null, next_attempt_at: null }, '', now)).toBe('Registering…');
    expect(registrationWords({ state: 'reconnecting', reason: null, next_attempt_at: now + 2500 }, '', now)).toBe('Reconnecting in 3 s');
    expect(registrationWords({ state: 'failed', reason: 'Wrong password for 1001 at sip.test', next_attempt_at: null }, '', now)).toBe(
      'Not registered: Wrong password for 1001 at sip.test',
    );
    expect(registrationWords({ state: 'unconfigured', reason: null, next_attempt_at: null }, '', now)).toBe('No SIP account — open Settings');
  });

  it('shows relative times today and absolute ones before', () => {
    const now = new Date(2030, 4, 10, 15, 0, 0).getTime();
    expect(historyTime(new Date(2030, 4, 10, 14, 55).toISOString(), now)).toBe('5 min ago');
    expect(historyTime(new Date(2030, 4, 10, 12, 0).toISOString(), now)).toBe('3 h ago');
    expect(historyTime(new Date(2030, 4, 9, 12, 0).toISOString(), now)).toMatch(/^Yesterday /);
    expect(historyTime(new Date(2030, 1, 9, 12, 0).toISOString(), now)).toMatch(/9/);
  });
});
