/**
 * The ringtone: a two-tone ring cadence (440 + 480 Hz, 2 s on / 4 s off) on the ringer device,
 * which may differ from the speaker that carries the calls. The desk asks for one click when the
 * tone is 'suspended' (browser mode's autoplay rule).
 */
import { createCadencedTone, type CadencedTone, type TonePlan } from './cadenced-tone';

export type Ringtone = CadencedTone;

export const RINGTONE_PLAN: TonePlan = { frequenciesHz: [440, 480], cadence: [[2, 4]] };

export function createRingtone(): Ringtone {
  return createCadencedTone();
}
