/**
 * Call history: pages from `calls.history` (newest first, keyset paging), plus calls that end
 * while the desk is open, put on top without a reload. Filters and search work on loaded pages.
 *
 * The panel draws at most `shownLimit` entries: calls that end during a long day go on top and
 * the oldest drawn one drops off the bottom, so the desk's DOM (44 nodes a row) and with it the
 * cost of every render stay the same at 5 pm as at 9 am. "Load older calls" shows another page,
 * fetching it from main only when what is loaded does not fill it.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CallSnapshot } from '../../src-main/contract/call.js';
import { call } from './client.js';
import { displayAddress, isTerminal } from './words.js';

export const HISTORY_PAGE_SIZE = 50;

export const HISTORY_FILTERS = ['all', 'missed', 'answered_elsewhere', 'outgoing', 'incoming'] as const;
export type HistoryFilter = (typeof HISTORY_FILTERS)[number];

export const HISTORY_FILTER_LABELS: Record<HistoryFilter, string> = {
  all: 'All',
  missed: 'Missed',
  answered_elsewhere: 'Answered elsewhere',
  outgoing: 'Outgoing',
  incoming: 'Incoming',
};

export function matchesFilter(entry: CallSnapshot, filter: HistoryFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'missed':
      return entry.end_reason === 'missed';
    case 'answered_elsewhere':
      return entry.end_reason === 'answered_elsewhere';
    case 'outgoing':
      return entry.direction === 'OUTGOING';
    case 'incoming':
      return entry.direction === 'INCOMING';
  }
}

/** Search by name or number; digits match whatever punctuation the number was stored with. */
export function matchesQuery(entry: CallSnapshot, query: string): boolean {
  const text = query.trim().toLowerCase();
  if (!text) return true;
  const fields = [entry.remote_name ?? '', entry.from, entry.to, displayAddress(entry.from), displayAddress(entry.to)];
  if (fields.some((field) => field.toLowerCase().includes(text))) return true;
  const digits = text.replace(/\D/g, '');
  if (digits.length >= 2 && digits.length === text.replace(/[\s().+-]/g, '').length) {
    return fields.some((field) => field.replace(/\D/g, '').includes(digits));
  }
  return false;
}

export const useHistoryStore = defineStore('history', () => {
  const entries = ref<CallSnapshot[]>([]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const filter = ref<HistoryFilter>('all');
  const query = ref('');
  const shownLimit = ref(HISTORY_PAGE_SIZE);

  const visible = computed(() => entries.value.filter((e) => matchesFilter(e, filter.value) && matchesQuery(e, query.value)));
  const hasMore = computed(() => nextCursor.value !== null);

  /**
   * One more page of history on screen: from what is loaded, else from main. `available` is how
   * many entries the panel could draw from what is loaded (after grouping, filter and search).
   */
  async function showMore(available: number): Promise<void> {
    shownLimit.value += HISTORY_PAGE_SIZE;
    if (available < shownLimit.value) await loadMore();
  }

  // Reload and load-more race on reconnect: only the latest request may write.
  let generation = 0;

  // Calls that ended while a reload was in flight: the page may predate them, so they stay on top.
  const endedDuringReload = new Map<string, CallSnapshot>();

  function merge(page: readonly CallSnapshot[], replace: boolean): void {
    const head = replace ? [...endedDuringReload.values()].reverse() : entries.value;
    const seen = new Set<string>();
    const next: CallSnapshot[] = [];
    for (const entry of [...head, ...page]) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      next.push(entry);
    }
    entries.value = next;
  }

  /** Load the newest page again, replacing what is loaded (after every (re)connection). */
  async function reload(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    endedDuringReload.clear();
    const result = await call('calls.history', { limit: HISTORY_PAGE_SIZE });
    if (mine !== generation) return;
    loading.value = false;
    if (!result.ok) {
      error.value = result.error.message;
      return;
    }
    merge(result.value.calls, true);
    nextCursor.value = result.value.next_cursor;
    loaded.value = true;
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loading.value) return;
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    const result = await call('calls.history', { limit: HISTORY_PAGE_SIZE, before: nextCursor.value });
    if (mine !== generation) return;
    loading.value = false;
    if (!result.ok) {
      error.value = result.error.message;
      return;
    }
    merge(result.value.calls, false);
    nextCursor.value = result.value.next_cursor;
  }

  /** A call reached a terminal state: put it on top (or update it in place if already listed). */
  function addEnded(snapshot: CallSnapshot): void {
    if (!isTerminal(snapshot)) return;
    if (loading.value) endedDuringReload.set(snapshot.id, snapshot);
    const index = entries.value.findIndex((e) => e.id === snapshot.id);
    if (index >= 0) entries.value[index] = snapshot;
    else entries.value = [snapshot, ...entries.value];
  }

  function setFilter(next: HistoryFilter): void {
    filter.value = next;
    shownLimit.value = HISTORY_PAGE_SIZE;
  }
  function setQuery(next: string): void {
    query.value = next;
    shownLimit.value = HISTORY_PAGE_SIZE;
  }

  return {
    entries,
    nextCursor,
    loading,
    loaded,
    error,
    filter,
    query,
    visible,
    hasMore,
    shownLimit,
    reload,
    loadMore,
    showMore,
    addEnded,
    setFilter,
    setQuery,
  };
});
