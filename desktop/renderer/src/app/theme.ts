export type Theme = 'system' | 'light' | 'dark';
const KEY = 'reelshelf.theme';

/** Light, dark, or the system's choice; applied as <html data-theme> which the CSS reads. */
export function savedTheme(): Theme {
  const saved = localStorage.getItem(KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function applyTheme(theme: Theme): void {
  if (theme === 'system') {
    localStorage.removeItem(KEY);
    delete document.documentElement.dataset.theme;
  } else {
    localStorage.setItem(KEY, theme);
    document.documentElement.dataset.theme = theme;
  }
}
