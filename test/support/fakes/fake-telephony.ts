/** The telephony port as a recorder: what the engine asked the desk to do. */
import type { TelephonyCommand } from '../../../src-main/contract/telephony.js';
import type { TelephonyPort } from '../../../src-main/engine/ports/telephony.js';

export class FakeTelephony implements TelephonyPort {
  readonly sent: TelephonyCommand[] = [];
  connected = true;

  isConnected(): boolean {
    return this.connected;
  }

  send(command: TelephonyCommand): boolean {
    if (!this.connected) return false;
    this.sent.push(command);
    return true;
  }

  /** Commands sent together by sendAtOnce, one entry per call (they are in `sent` too). */
  readonly sentAtOnce: TelephonyCommand[][] = [];

  sendAtOnce(commands: readonly TelephonyCommand[]): boolean {
    if (!this.connected) return false;
    this.sent.push(...commands);
    this.sentAtOnce.push([...commands]);
    return true;
  }

  last(): TelephonyCommand | undefined {
    return this.sent.at(-1);
  }

  ofType<T extends TelephonyCommand['type']>(type: T): Extract<TelephonyCommand, { type: T }>[] {
    return this.sent.filter((command): command is Extract<TelephonyCommand, { type: T }> => command.type === type);
  }
}
