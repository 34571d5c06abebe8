/**
 * Composition root of the renderer: connect to main, give the stores their client, mount the
 * desk, and run telephony only while this page is the desk that carries calls.
 */
import { createPinia, setActivePinia } from 'pinia';
import { createApp, nextTick, watch } from 'vue';
import App from './App.vue';
import { connectDesk } from './bridge/index.js';
import { guardLeaving } from './leave-guard.js';
import { startConferenceMixing } from './media/conference-mixing.js';
import { startTelephony, type Telephony } from './sip/index.js';
import { installAnswerAtClick } from './stores/answer-at-click.js';
import { useCallsStore } from './stores/calls.js';
import { installDeskClient } from './stores/client.js';
import { useConferencesStore } from './stores/conferences.js';
import { useDeskStore } from './stores/desk.js';
import { bindDeskEvents } from './stores/sync.js';
import { useUiStore } from './stores/ui.js';
import './styles/base.css';

const client = connectDesk();
installDeskClient(client);

const pinia = createPinia();
setActivePinia(pinia);
const app = createApp(App);
app.use(pinia);

bindDeskEvents(client);
const desk = useDeskStore(pinia);

let telephony: Telephony | null = null;
let stopMixing: (() => void) | null = null;
let offFarEndHold: (() => void) | null = null;
let offDeviceProblem: (() => void) | null = null;

function startCarrying(): void {
  if (telephony) return;
  const carrying = startTelephony(client);
  telephony = carrying;
  installAnswerAtClick((callId) => carrying.answerAtOnce(callId));
  const calls = useCallsStore(pinia);
  offFarEndHold = carrying.onFarEndHold((callId, held) => calls.setHeldByFarEnd(callId, held));
  const ui = useUiStore(pinia);
  offDeviceProblem = carrying.onDeviceProblem(({ device, sentence }) => ui.setDeviceProblem(device, sentence));
  carrying.setEarlyRings({
    mayRing: () => desk.ringsNewCalls,
    show: (leg) => {
      calls.showEarlyRing(leg);
      return nextTick();
    },
    settle: (sipCallId, callId) => calls.settleEarlyRing(sipCallId, callId),
  });
  const conferences = useConferencesStore(pinia);
  stopMixing = startConferenceMixing(client, telephony.legMedia, {
    onSpeaking: (speaking) => conferences.setSpeaking(speaking),
    onCannotMix: () => conferences.reportCannotMix(),
  });
}
function stopCarrying(): void {
  const running = telephony;
  telephony = null;
  installAnswerAtClick(null);
  offFarEndHold?.();
  offFarEndHold = null;
  offDeviceProblem?.();
  offDeviceProblem = null;
  stopMixing?.();
  stopMixing = null;
  if (running) void running.stop();
}

// desk.role.active is main's word on which connection carries calls.
watch(
  () => desk.role.active,
  (active) => (active ? startCarrying() : stopCarrying()),
  { immediate: true },
);

// A reload or a closed tab would end this window's calls: the agent is asked first.
guardLeaving(() => telephony?.carriesCalls() ?? false);
window.addEventListener('pagehide', stopCarrying);
// Back from the back/forward cache: the page is alive again and may still be the desk.
window.addEventListener('pageshow', (event) => {
  if (event.persisted && desk.role.active) startCarrying();
});

app.mount('#app');
