/**
 * Which ringback the caller hears while the far end rings, by the desk's default country (the
 * one its dial plan reads national numbers with): people know their own country's ringback, and
 * an agent hears "it is ringing" without looking. Values from ITU-T E.180 (Supplement 2) for the
 * countries listed; every other country gets the CEPT/ETSI tone most of the world uses.
 */
import { getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js';
import type { TonePlan } from './cadenced-tone';

/** North America (every country on calling code +1): 440 + 480 Hz, 2 s on, 4 s off. */
const NORTH_AMERICAN: TonePlan = { frequenciesHz: [440, 480], cadence: [[2, 4]] };
/** The British double ring: 400 + 450 Hz, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off. */
const BRITISH: TonePlan = { frequenciesHz: [400, 450], cadence: [[0.4, 0.2], [0.4, 2]] };
/** CEPT/ETSI: 425 Hz, 1 s on, 4 s off. */
export const ETSI_RINGBACK: TonePlan = { frequenciesHz: [425], cadence: [[1, 4]] };

const BY_COUNTRY: Readonly<Record<string, TonePlan>> = {
  GB: BRITISH,
  IE: BRITISH,
  FR: { frequenciesHz: [440], cadence: [[1.5, 3.5]] },
  ES: { frequenciesHz: [425], cadence: [[1.5, 3]] },
  JP: { frequenciesHz: [400], cadence: [[1, 2]] },
};

export function ringbackPlanFor(country: string): TonePlan {
  const listed = BY_COUNTRY[country];
  if (listed) return listed;
  if (isSupportedCountry(country) && getCountryCallingCode(country) === '1') return NORTH_AMERICAN;
  return ETSI_RINGBACK;
}
