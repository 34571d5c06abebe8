/**
 * The packet time (`a=ptime`, RFC 4566) a leg asks the far end to send. Chromium frames its Opus
 * encoder by the ptime of the description it applies as remote, and so do most SIP endpoints: the
 * ptime in *our* offer or answer sets the far end's packets, the far end's sets ours. Only our own
 * descriptions are touched, so what we send stays what the far end asked for. The conference
 * mixer asks for short packets on the legs it mixes (docs/conferences.md, "Packet time").
 */
import type { SessionDescriptionHandler, SessionDescriptionHandlerModifier } from 'sip.js';

/** `sdp` with each audio section asking for `ms` packets (its own `a=ptime` replaced); nothing else changes. */
export function withPacketTime(sdp: string, ms: number): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const trailing = lines.at(-1) === '' ? lines.pop() : undefined;
  const out: string[] = [];
  let inAudio = false;
  const endSection = (): void => {
    if (inAudio) out.push(`a=ptime:${ms}`);
  };
  for (const line of lines) {
    if (line.startsWith('m=')) {
      endSection();
      inAudio = line.startsWith('m=audio');
    } else if (inAudio && line.startsWith('a=ptime:')) {
      continue;
    }
    out.push(line);
  }
  endSection();
  if (trailing !== undefined) out.push(trailing);
  return out.join(eol);
}

/**
 * From now on, every offer or answer `handler` makes (SIP.js builds each with `getDescription`;
 * the far end's go through `setDescription`, untouched) asks for `packetTimeMs()` packets, when
 * that is not null. Read at each description, so a later re-INVITE or answer follows changes.
 */
export function askForPacketTime(handler: Pick<SessionDescriptionHandler, 'getDescription'>, packetTimeMs: () => number | null): void {
  const getDescription = handler.getDescription.bind(handler);
  const ours: SessionDescriptionHandlerModifier = (description) => {
    const ms = packetTimeMs();
    return Promise.resolve(ms === null ? description : { type: description.type, sdp: withPacketTime(description.sdp ?? '', ms) });
  };
  handler.getDescription = (options, modifiers) => getDescription(options, [...(modifiers ?? []), ours]);
}
