import { describe, expect, it } from 'vitest';
import { agreementBody, fromLocalInput, lookbackMs, toggle, toLocalInput } from './admin-model.ts';
import type { AgreementForm } from './admin-model.ts';

const form: AgreementForm = {
  granteeAgencyId: 'carabinieri',
  title: ' Videosorveglianza integrata ',
  legalInstrument: "Protocollo d'intesa 1234/2025",
  legalInstrumentDate: '2025-03-01',
  validFrom: '2026-03-01T08:00',
  validUntil: '2027-03-01T08:00',
  permissions: ['live.view'],
  cameraIds: ['cam-001'],
  groupIds: [],
};

describe('admin model', () => {
  it('round-trips local date-time fields', () => {
    const ms = fromLocalInput('2026-03-01T08:30');
    expect(ms).not.toBeNull();
    expect(toLocalInput(ms ?? 0)).toBe('2026-03-01T08:30');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('01/03/2026')).toBeNull();
  });

  it('builds the agreement body, trimming text', () => {
    const r = agreementBody(form);
    expect(r.ok && r.body).toMatchObject({
      title: 'Videosorveglianza integrata',
      validFromMs: fromLocalInput('2026-03-01T08:00'),
      validUntilMs: fromLocalInput('2027-03-01T08:00'),
    });
    const open = agreementBody({ ...form, validUntil: '' });
    expect(open.ok && open.body['validUntilMs']).toBeNull();
  });

  it.each([
    [{ title: '  ' }, { field: 'title', problem: 'required' }],
    [{ legalInstrumentDate: '1/3/2025' }, { field: 'legalInstrumentDate', problem: 'invalid' }],
    [{ validUntil: '2026-02-01T08:00' }, { field: 'validUntil', problem: 'order' }],
    [{ permissions: [] }, { field: 'permissions', problem: 'required' }],
    [{ cameraIds: [] }, { field: 'cameraIds', problem: 'required' }],
  ])('names the first problem of %j', (over, problem) => {
    expect(agreementBody({ ...form, ...over })).toEqual({ ok: false, problem });
  });

  it('reads a look-back limit in hours', () => {
    expect(lookbackMs('')).toBeNull();
    expect(lookbackMs('24')).toBe(86_400_000);
    expect(lookbackMs('-1')).toBeUndefined();
    expect(lookbackMs('abc')).toBeUndefined();
  });

  it('toggles list members', () => {
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
  });
});
