import type { TelephonyCommand } from '../../contract/telephony.js';

/** The telephony port: hands commands to whatever carries SIP (the active desk). */
export interface TelephonyPort {
  /** True when a desk is connected that can carry calls. */
  isConnected(): boolean;
  /** Send a command; returns false when no desk is there to carry it. */
  send(command: TelephonyCommand): boolean;
  /**
   * Send these commands together now, ahead of whatever the current piece of work still does
   * (writes, events): for commands that are late as soon as they wait, such as a ring group's
   * CANCELs. Order is kept: anything sent earlier in the same piece of work goes first. Returns
   * false when no desk is there to carry them.
   */
  sendAtOnce(commands: readonly TelephonyCommand[]): boolean;
}
