import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { NavigationTarget } from '../../shared/contracts/bridge';
import { menuTemplate } from './menu';

function build(dev: boolean, platform: NodeJS.Platform = 'linux') {
  const calls: string[] = [];
  const template = menuTemplate(
    {
      navigate: (to: NavigationTarget) => calls.push(`navigate:${to}`),
      importFiles: () => calls.push('import'),
      openProjectPage: () => calls.push('project'),
    },
    { dev, platform },
  );
  const menu = (label: string) => {
    const found = template.find((m) => m.label?.replace('&', '') === label || m.role === label);
    return (found?.submenu ?? []) as MenuItemConstructorOptions[];
  };
  const click = (item: MenuItemConstructorOptions | undefined) =>
    (item?.click as (() => void) | undefined)?.();
  return { template, menu, click, calls };
}

describe('the application menu', () => {
  it('has File, Edit, View, Go and Help, with an app menu on macOS only', () => {
    expect(build(false).template.map((m) => m.label ?? m.role)).toEqual([
      '&File',
      '&Edit',
      '&View',
      '&Go',
      'help',
    ]);
    expect(build(false, 'darwin').template[0]?.role).toBe('appMenu');
  });

  it('sends a navigation for every Go item and File ▸ Import…', () => {
    const { menu, click, calls } = build(false);
    for (const item of menu('Go')) click(item);
    click(menu('File').find((i) => i.label === 'Import…'));
    click(menu('help')[0]);
    expect(calls).toEqual([
      'navigate:library',
      'navigate:search',
      'navigate:lists',
      'navigate:discover',
      'navigate:stats',
      'navigate:settings',
      'import',
      'project',
    ]);
    expect(menu('File').some((i) => i.role === 'quit')).toBe(true);
  });

  it('offers reload and developer tools only in development', () => {
    const roles = (dev: boolean) =>
      build(dev)
        .menu('View')
        .map((i) => i.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).toEqual(
      expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']),
    );
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('gives Edit the standard roles', () => {
    expect(
      build(false)
        .menu('Edit')
        .map((i) => i.role),
    ).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });
});
