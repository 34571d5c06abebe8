import { describe, expect, it } from 'vitest';
import type { DeskContact } from '../../../src-main/contract/contact.js';
import { dialSuggestions } from '../../../src-renderer/components/dial/dial-suggestions.js';
import { snapshot } from './fake-desk-client.js';

const ann: DeskContact = { id: 1, name: 'Ann Lee', phone_number: '+12055550100', ticket_ids: ['71450'] };
const bob: DeskContact = { id: 2, name: 'Bob Roe-Smith', phone_number: '+442079460018', ticket_ids: [] };

describe('dial suggestions', () => {
  it('suggests nothing for an empty field', () => {
    expect(dialSuggestions('  ', [ann, bob], [])).toEqual([]);
  });

  it('finds a contact by the start of any word of its name, case-insensitively', () => {
    expect(dialSuggestions('lee', [ann, bob], []).map((s) => s.label)).toEqual(['Ann Lee']);
    expect(dialSuggestions('SMI', [ann, bob], []).map((s) => s.label)).toEqual(['Bob Roe-Smith']);
    expect(dialSuggestions('nn', [ann, bob], [])).toEqual([]);
  });

  it('finds a contact by digits whatever the punctuation, and picks its E.164 number', () => {
    const [first] = dialSuggestions('(205) 555', [ann, bob], []);
    expect(first).toMatchObject({ kind: 'contact', label: 'Ann Lee', detail: '+1 205 555 0100', target: '+12055550100' });
  });

  it('needs at least two digits before matching numbers', () => {
    expect(dialSuggestions('2', [ann, bob], [])).toEqual([]);
  });

  it('adds recent parties from history after contacts, once per number, skipping contacts already listed', () => {
    const recent = [
      snapshot({ direction: 'OUTGOING', from: 'sip:1001@sip.test', to: 'sip:+12055550100@sip.test' }),
      snapshot({ direction: 'INCOMING', from: 'sip:1002@sip.test', remote_name: 'Desk 1002' }),
      snapshot({ direction: 'INCOMING', from: 'sip:1002@sip.test', remote_name: 'Desk 1002' }),
      snapshot({ direction: 'OUTGOING', to: 'sip:+12055550177@sip.test' }),
    ];
    const found = dialSuggestions('205', [ann], recent);
    expect(found.map((s) => [s.kind, s.target])).toEqual([
      ['contact', '+12055550100'],
      ['recent', '+12055550177'],
    ]);
    expect(dialSuggestions('100', [], recent).map((s) => [s.label, s.target])).toEqual([
      ['+1 205 555 0100', '+12055550100'],
      ['Desk 1002', '1002'],
    ]);
    expect(dialSuggestions('desk', [], recent).map((s) => s.target)).toEqual(['1002']);
  });

  it('keeps the list short', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ ...ann, id: i + 1, phone_number: `+1205555${String(1000 + i)}` }));
    expect(dialSuggestions('ann', many, [])).toHaveLength(6);
  });
});
