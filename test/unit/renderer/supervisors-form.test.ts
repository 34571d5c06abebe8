import { describe, expect, it } from 'vitest';
import { buildSupervisorsPatch, supervisorsTextFrom } from '../../../src-renderer/components/settings/supervisors-form.js';

const current = { supervisors: [{ sip_uri: 'sip:sup1@example.com', name: 'Sam Supervisor' }] };

describe('supervisors in the Settings dialog', () => {
  it('shows one supervisor per line, address then name, and an unchanged text patches nothing', () => {
    const text = supervisorsTextFrom(current);
    expect(text).toBe('sip:sup1@example.com Sam Supervisor');
    expect(buildSupervisorsPatch(text, current)).toEqual({ ok: true, patch: {} });
  });

  it('adds sip: when it is missing, names a supervisor by address when no name is given, and skips blank lines', () => {
    expect(buildSupervisorsPatch('sip:sup1@example.com Sam Supervisor\n\nsup2@example.com\n', current)).toEqual({
      ok: true,
      patch: {
        supervisors: [
          { sip_uri: 'sip:sup1@example.com', name: 'Sam Supervisor' },
          { sip_uri: 'sip:sup2@example.com', name: 'sup2@example.com' },
        ],
      },
    });
  });

  it('an emptied list removes every supervisor', () => {
    expect(buildSupervisorsPatch('  \n', current)).toEqual({ ok: true, patch: { supervisors: [] } });
  });

  it('names the line of an address that is not a SIP address, and of one listed twice', () => {
    expect(buildSupervisorsPatch('sip:sup1@example.com Sam\nnot an address', current)).toEqual({
      ok: false,
      message: 'Supervisors, line 2: must be a SIP address like sip:sup1@example.com',
    });
    expect(buildSupervisorsPatch('sip:a@x.org A\nsip:A@x.org Again', current)).toMatchObject({
      ok: false,
      message: 'Supervisors, line 2: sip:A@x.org is listed twice',
    });
  });
});
