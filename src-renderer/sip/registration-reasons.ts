/** Registration failures in words a person can act on (desk-ux: "honest errors"). */

export interface AccountNames {
  readonly user: string;
  readonly domain: string;
  readonly server: string;
}

export function reasonForRegisterResponse(statusCode: number, account: AccountNames): string {
  switch (statusCode) {
    case 401:
    case 403:
    case 407:
      return `Wrong password for ${account.user} at ${account.domain}: check the auth username and password in Settings`;
    case 404:
      return `${account.user} is not a known account at ${account.domain}: check the SIP address in Settings`;
    case 408:
    case 480:
    case 503:
    case 504:
      return `The SIP server at ${account.server} did not answer the registration (${statusCode}); retrying`;
    default:
      return `The SIP server refused the registration with ${statusCode}; check the account in Settings`;
  }
}

export function reasonForUnreachable(account: AccountNames): string {
  return `Can't reach the SIP server at ${account.server}: check the WebSocket server address and your network`;
}

export function reasonForConnectionLost(account: AccountNames): string {
  return `Lost the connection to ${account.server}; reconnecting`;
}
