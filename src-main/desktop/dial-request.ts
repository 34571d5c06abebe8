/**
 * What a launch asks the desk to dial: a `tel:`, `sip:`/`sips:` or `callto:` link (the OS hands
 * it over as an argument) or `--dial NUMBER`. Pure, so it is unit-tested; the desktop shell
 * passes the result to the confirm-before-dial prompt, never straight to the engine (a web page
 * can open such links).
 *
 * Returns the text to put in the dial field, a problem to show, or nothing when the launch asks
 * for no call.
 */
export type DialRequest = { readonly target: string } | { readonly problem: string } | undefined;

/** tel: visual separators (RFC 3966) that carry no digits. */
const VISUAL_SEPARATORS = /[\s\-.()]/g;
const PHONE = /^\+?[0-9*#]{1,32}$/;
const SIP_USER_HOST = /^[^\s@;?<>"]{1,128}@[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$/;

export function dialRequestFromArgs(argv: readonly string[]): DialRequest {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--dial') {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) return { problem: '--dial needs a number or SIP address: --dial NUMBER' };
      return fromTyped(value);
    }
    if (arg.startsWith('--dial=')) return fromTyped(arg.slice('--dial='.length));
    if (/^(tel|sips?|callto):/i.test(arg)) return fromLink(arg);
  }
  return undefined;
}

export function fromLink(link: string): DialRequest {
  const colon = link.indexOf(':');
  const scheme = link.slice(0, colon).toLowerCase();
  let rest = link.slice(colon + 1);
  try {
    rest = decodeURIComponent(rest);
  } catch {
    return { problem: `This link is malformed: ${link.slice(0, 80)}` };
  }
  if (scheme === 'callto') rest = rest.replace(/^\/\//, '');
  if (scheme === 'sip' || scheme === 'sips') {
    const address = rest.split(/[;?]/)[0] ?? '';
    return SIP_USER_HOST.test(address) ? { target: `${scheme}:${address}` } : { problem: `Not a SIP address: ${link.slice(0, 80)}` };
  }
  // tel: and callto: — parameters (;phone-context=…, ;ext=…) are not dialled.
  return fromTyped(rest.split(/[;?]/)[0] ?? '');
}

function fromTyped(value: string): DialRequest {
  const trimmed = value.trim();
  if (SIP_USER_HOST.test(trimmed.replace(/^sips?:/i, ''))) return { target: trimmed };
  const digits = trimmed.replace(VISUAL_SEPARATORS, '');
  if (!PHONE.test(digits)) return { problem: `Not a number to dial: ${value.slice(0, 80)}` };
  return { target: digits };
}
