/** The contact-centre part of Settings: draft ↔ patch, with the contract's schema deciding. */
import { describe, expect, it } from 'vitest';
import { Settings } from '../../../src-main/contract/settings.js';
import { buildContactCentrePatch, contactCentreDraftFrom } from '../../../src-renderer/components/settings/contact-centre-form.js';

const current = Settings.parse({
  agent: { email: 'a@example.com', name: 'Ann' },
  outbound_numbers: ['+13392195276'],
  menus: [{ id: 9, name: 'Support', type: 'ivr' }],
});

describe('contact-centre settings form', () => {
  it('an untouched draft is an empty patch', () => {
    expect(buildContactCentrePatch(contactCentreDraftFrom(current), current)).toEqual({ ok: true, patch: {} });
  });

  it('sends only what changed: numbers typed with separators, languages, a new menu, a default', () => {
    const draft = {
      ...contactCentreDraftFrom(current),
      outbound_text: '+1 339-219-5276\n+1 (760) 867-5309\n',
      default_outbound: '+17608675309',
      languages_text: 'en, DE fr',
      menus_text: '9, Support, ivr, open\n10, App, mobile, after_hours',
    };
    expect(buildContactCentrePatch(draft, current)).toEqual({
      ok: true,
      patch: {
        outbound_numbers: ['+13392195276', '+17608675309'],
        default_outbound_number: '+17608675309',
        languages: ['en', 'de', 'fr'],
        menus: [
          { id: 9, name: 'Support', type: 'ivr', state: 'open' },
          { id: 10, name: 'App', type: 'mobile', state: 'after_hours' },
        ],
      },
    });
  });

  it('says what is wrong: a number that is not E.164, a default not in the list, a menu line', () => {
    const base = contactCentreDraftFrom(current);
    const wrong = (changes: object) => buildContactCentrePatch({ ...base, ...changes }, current);
    expect(wrong({ outbound_text: '0207 183 8750' })).toEqual({ ok: false, message: 'outbound numbers #1: must be an E.164 number such as +442071838750' });
    expect(wrong({ default_outbound: '+17608675309' })).toEqual({ ok: false, message: 'The default outbound number +17608675309 is not in the list of outbound numbers' });
    expect(wrong({ menus_text: 'Support' })).toEqual({ ok: false, message: 'Menu line 1: write "id, name, type, state", e.g. "9, Support, ivr, open"' });
    expect(wrong({ menus_text: '9, Support, phone' }).ok).toBe(false);
  });
});
