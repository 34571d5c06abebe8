/** SIP INFO DTMF (application/dtmf-relay, draft-kaplan-dispatch-info-dtmf-package). */

export const DTMF_RELAY_TYPE = 'application/dtmf-relay';
export const DTMF_INFO_DURATION_MS = 160;

export function dtmfRelayBody(digit: string): string {
  return `Signal=${digit}\r\nDuration=${DTMF_INFO_DURATION_MS}`;
}

/** The digit in a dtmf-relay body, or undefined. */
export function parseDtmfRelay(body: string): string | undefined {
  const match = /^\s*Signal\s*=\s*([0-9A-D*#])\s*$/im.exec(body);
  return match?.[1]?.toUpperCase();
}
