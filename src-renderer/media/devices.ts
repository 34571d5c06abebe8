/**
 * Audio devices for the settings: lists, readable labels, and a test tone on a chosen speaker.
 * Browsers hide device labels (and often real ids) until the page has had microphone access;
 * `labelsHidden` says so and revealDeviceLabels() asks for it.
 */

export interface DeviceOption {
  id: string;
  label: string;
}

export interface AudioDeviceLists {
  microphones: DeviceOption[];
  speakers: DeviceOption[];
  /** setSinkId exists: the speaker and ringer can be chosen. */
  canChooseOutput: boolean;
  /** Labels are empty until microphone permission is granted. */
  labelsHidden: boolean;
}

export async function listAudioDevices(): Promise<AudioDeviceLists> {
  const canChooseOutput = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
  if (!navigator.mediaDevices?.enumerateDevices) {
    return { microphones: [], speakers: [], canChooseOutput, labelsHidden: false };
  }
  const devices = await navigator.mediaDevices.enumerateDevices();
  let labelsHidden = false;
  const pick = (kind: MediaDeviceKind, noun: string): DeviceOption[] => {
    const options: DeviceOption[] = [];
    for (const device of devices) {
      if (device.kind !== kind) continue;
      if (!device.label) labelsHidden = true;
      // '' (ids hidden) and 'default' are both our "System default" option.
      if (device.deviceId === '' || device.deviceId === 'default') continue;
      options.push({ id: device.deviceId, label: device.label || `${noun} ${options.length + 1}` });
    }
    return options;
  };
  const microphones = pick('audioinput', 'Microphone');
  const speakers = pick('audiooutput', 'Speaker');
  return { microphones, speakers, canChooseOutput, labelsHidden };
}

/** Ask for the microphone once so that device labels become readable; the stream stops at once. */
export async function revealDeviceLabels(): Promise<void> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  stream.getTracks().forEach((track) => track.stop());
}

export function onDeviceChange(listener: () => void): () => void {
  const media = navigator.mediaDevices;
  if (!media?.addEventListener) return () => undefined;
  media.addEventListener('devicechange', listener);
  return () => media.removeEventListener('devicechange', listener);
}

/** A short two-note chime on `sinkId` ('' = default), resolved when it has played. */
export async function playTestTone(sinkId: string, volume = 0.7): Promise<void> {
  const context = new AudioContext();
  try {
    await context.resume();
    const destination = context.createMediaStreamDestination();
    const audio = new Audio();
    audio.srcObject = destination.stream;
    audio.volume = Math.min(1, Math.max(0, volume));
    if (sinkId && typeof audio.setSinkId === 'function') await audio.setSinkId(sinkId);
    await audio.play();
    const start = context.currentTime + 0.05;
    const notes: [number, number][] = [
      [660, 0],
      [880, 0.35],
    ];
    for (const [hz, offset] of notes) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = hz;
      const gain = context.createGain();
      const at = start + offset;
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.5, at + 0.02);
      gain.gain.setValueAtTime(0.5, at + 0.28);
      gain.gain.linearRampToValueAtTime(0, at + 0.33);
      oscillator.connect(gain).connect(destination);
      oscillator.start(at);
      oscillator.stop(at + 0.35);
    }
    await new Promise((resolve) => setTimeout(resolve, 900));
    audio.pause();
  } finally {
    await context.close().catch(() => undefined);
  }
}
