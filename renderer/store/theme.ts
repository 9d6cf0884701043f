import { defineSlice } from './types';

export type ThemeMode = 'system' | 'light' | 'dark';
export type ResolvedTheme = 'light' | 'dark';

export interface ThemeSlice {
  themeMode: ThemeMode;
  /** What the OS prefers (prefers-color-scheme), kept current by the shell. */
  systemTheme: ResolvedTheme;
  setThemeMode(mode: ThemeMode): void;
  setSystemTheme(theme: ResolvedTheme): void;
}

export function resolveTheme(s: Pick<ThemeSlice, 'themeMode' | 'systemTheme'>): ResolvedTheme {
  return s.themeMode === 'system' ? s.systemTheme : s.themeMode;
}

/** The theme belongs to the window, not to a workspace. */
export const themeSlice = defineSlice<ThemeSlice>({
  reset: 'keep',
  create: () => (set) => ({
    themeMode: 'system',
    systemTheme: 'light',
    setThemeMode: (themeMode) => set({ themeMode }),
    setSystemTheme: (systemTheme) => set({ systemTheme }),
  }),
});
