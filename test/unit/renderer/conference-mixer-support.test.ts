/**
 * A window without Chromium's track streams (here: Node, as another browser would be) cannot
 * mix: the mixer says so once, when a conference is live, and touches nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { ConferenceSnapshot, ConferencecallSnapshot } from '../../../src-main/contract/conference.js';
import { ConferenceMixer } from '../../../src-renderer/media/conference-mixer.js';
import type { LegMedia, LegMediaSource } from '../../../src-renderer/media/leg-media.js';

const NOT_YET = '9999-01-01 00:00:00.000000';
const CUSTOMER = '00000000-0000-4000-8000-000000000000';
const CONFERENCE = '11111111-1111-4111-8111-111111111111';

function member(n: number): ConferencecallSnapshot {
  return {
    id: `22222222-2222-4222-8222-22222222222${n}`,
    customer_id: CUSTOMER,
    conference_id: CONFERENCE,
    reference_type: 'call',
    reference_id: `33333333-3333-4333-8333-33333333333${n}`,
    status: 'joined',
    role: 'participant',
    supervisor_mode: null,
    supervisor_name: null,
    tm_create: '2026-11-24 05:00:00.000000',
    tm_update: '2026-11-24 05:00:00.000000',
    tm_delete: NOT_YET,
  };
}

function conference(status: ConferenceSnapshot['status']): ConferenceSnapshot {
  const calls = [member(1), member(2)];
  return {
    id: CONFERENCE,
    customer_id: CUSTOMER,
    name: 'conference',
    status,
    conferencecall_ids: calls.map((call) => call.id),
    conferencecalls: calls,
    tm_create: '2026-11-24 05:00:00.000000',
    tm_update: '2026-11-24 05:00:00.000000',
    tm_delete: NOT_YET,
  };
}

/** Legs that exist, with nothing behind them: the mixer must not reach for their media. */
function legs(): LegMediaSource {
  return { media: () => ({}) as LegMedia, onChange: () => () => undefined };
}

describe('conference mixer without track streams', () => {
  it('reports once that it cannot mix while a conference is live, and again for the next one', () => {
    let reports = 0;
    const mixer = new ConferenceMixer(legs(), { onCannotMix: () => void reports++ });
    mixer.apply(conference('progressing'));
    mixer.apply(conference('progressing'));
    expect(reports).toBe(1);
    expect(mixer.mixing()).toBe(false);
    mixer.apply(conference('terminated'));
    expect(reports).toBe(1);
    mixer.apply(conference('progressing'));
    expect(reports).toBe(2);
    mixer.stop();
  });

  it('says nothing while no conference is live', () => {
    let reports = 0;
    const mixer = new ConferenceMixer(legs(), { onCannotMix: () => void reports++ });
    mixer.replaceAll([]);
    mixer.apply(conference('terminated'));
    expect(reports).toBe(0);
  });
});
