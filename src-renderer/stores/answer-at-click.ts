/**
 * The window that carries calls answers at the agent's click: its SIP adapter starts the answer
 * while `calls.answer` goes to main, which records it (src-renderer/sip/call-legs.ts,
 * answerAtOnce). The stores may not import the SIP adapter, so the composition root installs it
 * here while this window carries calls; elsewhere answering waits for main's command.
 */
let startAnswer: ((callId: string) => void) | null = null;

export function installAnswerAtClick(start: ((callId: string) => void) | null): void {
  startAnswer = start;
}

export function answerAtClick(callId: string): void {
  startAnswer?.(callId);
}
