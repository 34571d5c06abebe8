import type { TelephonyCommand } from '../../contract/telephony.js';

/** The telephony port: hands commands to whatever carries SIP (the active desk). */
export interface TelephonyPort {
  /** True when a desk is connected that can carry calls. */
  isConnected(): boolean;
  /** Send a command; returns false when no desk is there to carry it. */
  send(command: TelephonyCommand): boolean;
}
