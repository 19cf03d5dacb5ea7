import { describe, expect, it } from 'vitest';
import { safeRedirect } from './LoginPage';

describe('redirect after login', () => {
  it('allows same-site paths only', () => {
    expect(safeRedirect('/system/users?status=active')).toBe('/system/users?status=active');
    expect(safeRedirect('//evil.example/x')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect('/login')).toBe('/');
    expect(safeRedirect(null)).toBe('/');
  });
});
