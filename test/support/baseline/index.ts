/**
 * Bare SIP.js baseline softphone for harness tests and benchmarks.
 *
 *   const server = await startBaselineServer();
 *   const a = await openBaselinePeer(server, { name: '1001', toneHz: 440 });
 *   await a.register(kam, '1001', 'pw');
 *   const t = await timedCall(a, b, '1002');   // ring latency, answer-to-audio
 */
export { startBaselineServer, buildBaselineBundle, type BaselineServer } from './server.js';
export {
  BaselinePeer,
  openBaselinePeer,
  timedCall,
  type BaselinePeerOptions,
  type CallTimings,
  type SipServerInfo,
} from './peer.js';
export type { BaselineApi, CallParams, CallState, FinalResponse, Marks, RegisterParams, RegisterResult } from './api.js';
