export * from './call.js';
export * from './desk.js';
export * from './events.js';
export * from './methods.js';
export * from './result.js';
export * from './settings.js';
export * from './telephony.js';
export * from './client.js';
