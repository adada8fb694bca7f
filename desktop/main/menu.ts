/**
 * The application menu as a template (type-only Electron import, so vitest can check it).
 * Go items and File ▸ Import… reach the page as navigation messages through the bridge.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { NavigationTarget } from '../../shared/contracts/bridge';

export interface MenuActions {
  navigate(to: NavigationTarget): void;
  /** File ▸ Import…: open the import screen, where the person picks the file. */
  importFiles(): void;
  /** Help ▸ project page, through the validated openExternal. */
  openProjectPage(): void;
}

export interface MenuOptions {
  /** Unpackaged development build: View ▸ Reload and the developer tools. */
  dev: boolean;
  platform: NodeJS.Platform;
}

const GO: { label: string; to: NavigationTarget; key: string }[] = [
  { label: 'Library', to: 'library', key: '1' },
  { label: 'Search', to: 'search', key: 'F' },
  { label: 'Lists', to: 'lists', key: '2' },
  { label: 'Discover', to: 'discover', key: '3' },
  { label: 'Stats', to: 'stats', key: '4' },
  { label: 'Settings', to: 'settings', key: ',' },
];

export function menuTemplate(
  actions: MenuActions,
  { dev, platform }: MenuOptions,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      role: 'appMenu',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFiles() },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(dev
          ? ([
              { role: 'reload' },
              { role: 'forceReload' },
              { role: 'toggleDevTools' },
              { type: 'separator' },
            ] as const)
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Go',
      submenu: GO.map(({ label, to, key }) => ({
        label,
        accelerator: `CmdOrCtrl+${key}`,
        click: () => actions.navigate(to),
      })),
    },
    {
      role: 'help',
      submenu: [{ label: 'Reelshelf Project Page', click: () => actions.openProjectPage() }],
    },
  );
  return template;
}
