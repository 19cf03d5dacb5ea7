import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../app/i18n';
import { json, mockFetch, renderWithApp } from '../test/render';
import { DictTag } from './dicts';

afterEach(async () => {
  vi.unstubAllGlobals();
  await setLocale('zh-CN', false);
});

const DICTS = {
  chain_role: [
    {
      id: 8,
      typeCode: 'chain_role',
      value: 'extend',
      label: '延链',
      labelEn: 'Extends the chain',
      color: 'blue',
      sort: 10,
      status: 'active',
      version: 1,
    },
  ],
};

describe('DictTag', () => {
  it('shows the label in the current language with the dictionary colour', async () => {
    mockFetch({ 'GET /api/v1/dicts/all': () => json(200, DICTS) });
    renderWithApp(<DictTag type="chain_role" value="extend" />);
    const tag = await screen.findByText('延链');
    expect(tag.className).toContain('ant-tag-blue');
  });

  it('falls back for unknown values and shows a dash for none', async () => {
    mockFetch({ 'GET /api/v1/dicts/all': () => json(200, DICTS) });
    renderWithApp(
      <>
        <DictTag type="chain_role" value="mystery" fallback="未知" />
        <DictTag type="chain_role" value={null} />
      </>,
    );
    expect(await screen.findByText('未知')).toBeTruthy();
    expect(screen.getByText('—')).toBeTruthy();
  });

  it('uses the English label in English', async () => {
    await setLocale('en', false);
    mockFetch({ 'GET /api/v1/dicts/all': () => json(200, DICTS) });
    renderWithApp(<DictTag type="chain_role" value="extend" />);
    expect(await screen.findByText('Extends the chain')).toBeTruthy();
  });
});
