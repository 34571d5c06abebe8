/**
 * Why a call's audio could not be set up, in words for the agent. The microphone is the usual
 * cause (getUserMedia's DOMException names); anything else gets a plain sentence, since a stack
 * of SDP errors means nothing at the desk. Undefined when the error is not about media at all.
 */
const MICROPHONE_WORDS: Record<string, string> = {
  NotAllowedError: 'the microphone is blocked for this app',
  SecurityError: 'the microphone is blocked for this app',
  NotFoundError: 'no microphone was found',
  OverconstrainedError: 'the chosen microphone is not connected',
  NotReadableError: 'the microphone is in use by another program or not working',
  AbortError: 'the microphone could not be started',
};

/**
 * SIP.js 0.21's error when an INVITE forked and the answer came from another device than the one
 * whose early media played: a WebRTC offer cannot be answered twice, so the call ends.
 */
const FORKED_EARLY_MEDIA = /early media dialog does not equal confirmed dialog/i;
const FORKED_EARLY_MEDIA_WORDS =
  'it was answered on another device than the one that played its early media, and the audio cannot move there; call again';

export function mediaFailureWords(error: unknown): string | undefined {
  if (error instanceof Error && FORKED_EARLY_MEDIA.test(error.message)) return FORKED_EARLY_MEDIA_WORDS;
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  return MICROPHONE_WORDS[name];
}
