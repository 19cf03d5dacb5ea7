import { describe, expect, it } from 'vitest';
import { safeLink } from '../notifications/api';
import { fileAllowed, formatSize, isActionCode, isEventCode, stateLabel } from './api';

describe('ticket helpers', () => {
  it('labels states in the current language', () => {
    expect(stateLabel('archived', 'zh-CN')).toBe('已归档');
    expect(stateLabel('archived', 'en')).toBe('Archived');
    expect(stateLabel('mystery', 'en')).toBe('mystery');
  });
  it('knows actions and history codes', () => {
    expect(isActionCode('approve_close')).toBe(true);
    expect(isActionCode('register')).toBe(false);
    expect(isEventCode('register')).toBe(true);
    expect(isEventCode('drop table')).toBe(false);
  });
  it('accepts only the allowed file types', () => {
    expect(fileAllowed('批复.PDF')).toBe(true);
    expect(fileAllowed('现场.jpeg')).toBe(true);
    expect(fileAllowed('表.xlsx')).toBe(true);
    expect(fileAllowed('run.exe')).toBe(false);
    expect(fileAllowed('old.doc')).toBe(false);
  });
  it('formats sizes', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(2048)).toBe('2.0 KB');
    expect(formatSize(10 * 1024 * 1024)).toBe('10.0 MB');
  });
  it('follows only links inside the app', () => {
    expect(safeLink('/tickets/3')).toBe('/tickets/3');
    expect(safeLink('//evil.example')).toBeNull();
    expect(safeLink('https://evil.example')).toBeNull();
    expect(safeLink(null)).toBeNull();
  });
});
