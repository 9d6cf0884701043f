import { defineSlice } from './types';
import { tr } from '../i18n/active';

/** Every top-level view of the app frame, in navigation order. Features register their view in app/routes.ts. */
export const FEATURE_IDS = ['data', 'clusters', 'segments', 'responsible', 'outcomes', 'reports'] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];

export interface NavigationSlice {
  route: FeatureId;
  /** A column to bring into view in the data feature (set by links such as quality alerts). */
  focusColumn: string | null;
  /** The dataset the data feature (and later features) work on. */
  activeDataset: string | null;
  navigate(route: FeatureId): void;
  selectDataset(name: string | null): void;
  /** A native menu item chosen in the host. */
  menuCommand(command: string, path: string | null): void;
  /** Help → About (native menu) shows the about dialog. */
  aboutOpen: boolean;
  setAboutOpen(open: boolean): void;
  focusOnColumn(column: string | null): void;
}

/** A workspace opens on the Data view of its first dataset; the about dialog belongs to the window. */
export const navigationSlice = defineSlice<NavigationSlice>({
  reset: (s, initial) => ({ ...initial, aboutOpen: s.aboutOpen }),
  create: () => (set, get) => ({
    route: 'data',
    focusColumn: null,
    activeDataset: null,
    navigate: (route) => set({ route }),
    selectDataset: (activeDataset) => set({ activeDataset, focusColumn: null }),
    menuCommand: (command, path) => {
      if (command === 'import') {
        if (get().workspace) get().openImport(path);
        // Before any workspace: the file chosen in the native dialog starts one (the start screen shows where).
        else if (path) void get().stageStartPath(path);
        else get().notify('info', tr('app.notice.openWorkspaceFirst'));
      } else if (command === 'about') set({ aboutOpen: true });
    },
    aboutOpen: false,
    setAboutOpen: (aboutOpen) => set({ aboutOpen }),
    focusOnColumn: (focusColumn) => set({ route: 'data', focusColumn }),
  }),
});
