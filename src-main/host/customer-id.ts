/**
 * Seed 000's customer_id for the local account: a name-based UUID (v5 layout, SHA-1) of the SIP
 * address of record, so that it is stable across restarts and needs no storage of its own.
 */
import { createHash } from 'node:crypto';

export function customerIdOf(sipUri: string): string {
  const hash = createHash('sha1').update(`switchboard-desk:${sipUri.toLowerCase()}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
