/**
 * The packet time (`a=ptime`, RFC 4566) of a leg's audio. Chromium frames its Opus encoder by the
 * ptime of the description it applies as remote, so writing it into both our offer (the far end
 * sends that) and the far end's answer as we apply it (we send that) sets both directions. The
 * conference mixer asks for short packets on the legs it mixes (media/conference-mixer.ts).
 */

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
