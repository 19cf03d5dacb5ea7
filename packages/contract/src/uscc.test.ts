import { describe, expect, it } from 'vitest';
import { checkUscc, usccCheckChar, usccMessage } from './uscc';

// Vectors from domain.md §3.3
describe('USCC (GB 32100-2015) and organisation code (GB 11714)', () => {
  it.each([
    '91350200776049653A',
    '913502000728319549',
    '91440101MA5CJQ4N59',
    '9135021359498494XQ',
    '123502001549897397',
    '91370406MA3C7Q1N7A',
    '92370406MA3D0K2R2Q',
    '93370406061305174H',
  ])('accepts %s', (code) => {
    const r = checkUscc(code);
    expect(r.problem).toBeNull();
    expect(r.ok).toBe(true);
  });

  it('normalises case and spaces and reports the registering region', () => {
    const r = checkUscc(' 91370406ma3c7q1n7a ');
    expect(r.ok).toBe(true);
    expect(r.value).toBe('91370406MA3C7Q1N7A');
    expect(r.registrationRegion).toBe('370406');
  });

  it('names the position at fault', () => {
    expect(checkUscc('91370406MA3C7Q1N0X').problem).toMatchObject({ kind: 'orgCheck', position: 17, expected: '7' });
    expect(checkUscc('91370406MA3C7Q1NI0').problem).toMatchObject({ kind: 'char', position: 17, char: 'I' });
    expect(checkUscc('91370406MA3C7Q1N7B').problem).toMatchObject({ kind: 'check', position: 18, expected: 'A' });
    expect(checkUscc('9137040').problem).toMatchObject({ kind: 'length', length: 7 });
    expect(checkUscc('913704A6MA3C7Q1N7A').problem).toMatchObject({ kind: 'region', position: 7 });
    expect(usccMessage(checkUscc('91370406MA3C7Q1N7B').problem!)).toContain('第 18 位');
    expect(usccMessage(checkUscc('91370406MA3C7Q1NI0').problem!, 'en')).toContain('Position 17');
  });

  it('fails the known public exception 91350203M0001QAY9B (admins may override)', () => {
    expect(checkUscc('91350203M0001QAY9B').ok).toBe(false);
  });

  it('warns about uncommon but possible prefixes instead of refusing', () => {
    // a code with authority 'A' (军队) and a correct check character
    const first17 = 'A1370406MA3C7Q1N7';
    const r = checkUscc(first17 + usccCheckChar(first17));
    expect(r.ok).toBe(true);
    expect(r.warning).toMatch(/A1/);
    expect(checkUscc('91370406MA3C7Q1N7A').warning).toBeNull();
  });
});
