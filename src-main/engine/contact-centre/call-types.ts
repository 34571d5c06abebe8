/**
 * Seed 004's call types and their deprecated aliases. The alias is accepted on the way in;
 * the record always stores the current name.
 */
export const CALL_TYPES = ['Voice Outbound (API)', 'Voice Inbound (API)', 'Voice Scheduled (API)'] as const;
export type CallType = (typeof CALL_TYPES)[number];

const ALIASES: Readonly<Record<string, CallType>> = {
  'Voice Outbound (API)': 'Voice Outbound (API)',
  'Voice Inbound (API)': 'Voice Inbound (API)',
  'Voice Scheduled (API)': 'Voice Scheduled (API)',
  OutboundCall: 'Voice Outbound (API)',
  IncomingCall: 'Voice Inbound (API)',
  ScheduledCall: 'Voice Scheduled (API)',
};

/** The call type a request names, or undefined when it names none we serve. */
export function normaliseCallType(value: unknown): CallType | undefined {
  return typeof value === 'string' && Object.hasOwn(ALIASES, value) ? ALIASES[value] : undefined;
}

export const RECORDING_PERMISSIONS = [
  'recording_permission_not_asked',
  'recording_permission_granted',
  'recording_permission_denied',
] as const;
export type RecordingPermission = (typeof RECORDING_PERMISSIONS)[number];

/** The call object spells these without the prefix ("not_asked"), as the seed's examples do. */
export function recordingPermissionOnCall(value: RecordingPermission): string {
  return value.replace(/^recording_permission_/, '');
}
