/**
 * The agent is told, through the live region, whenever a supervisor comes onto their call,
 * switches mode or leaves: the eye badge on screen is not enough for an agent who cannot see it.
 */
import { watch } from 'vue';
import { useConferencesStore } from '../../stores/conferences';
import { announce } from '../common/use-announcer';
import { supervisorChanges, type SupervisorMember } from './supervisor-words';

export function useSupervisorFeedback(): void {
  const conferences = useConferencesStore();
  watch(
    // A copy of the fields the sentences read, so that `before` keeps the previous values.
    (): SupervisorMember[] => conferences.supervisors.map(({ id, role, status, supervisor_name, supervisor_mode }) => ({ id, role, status, supervisor_name, supervisor_mode })),
    (now, before) => {
      const sentences = supervisorChanges(before ?? [], now);
      if (sentences.length > 0) announce(`${sentences.join('. ')}.`);
    },
  );
}
