/** The API token: 32 random bytes, base64url. Generated at first start when settings has none. */
import { randomBytes } from 'node:crypto';

export function newApiToken(): string {
  return randomBytes(32).toString('base64url');
}
