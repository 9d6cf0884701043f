import type { Profile } from '../../shared/contract/ns/profile';
import { defineSlice } from './types';

export interface ProfileSlice {
  /** The profile of the active dataset (latest version), with its quality alerts. */
  profile: Profile | null;
  profileLoading: boolean;
  /** Bumped when the data behind the profile changed: a view showing the profile loads it again. */
  profileVersion: number;
  /** Dataset and profileVersion of the profile held (or loading); null when none is. */
  profileKey: string | null;
  /** Loads the active dataset's profile unless the one shown is already current (same dataset, no change since). */
  loadProfile(): Promise<void>;
}

export const profileSlice = defineSlice<ProfileSlice>({
  dependsOn: ['datasets', 'erasure'],
  // Profiling reads every row: rather than profiling in the background, the view showing it reloads it.
  refresh: (_get, set) => set((s) => ({ profileVersion: s.profileVersion + 1 })),
  create:
    ({ client, request }) =>
    (set, get) => ({
      profile: null,
      profileLoading: false,
      profileVersion: 0,
      profileKey: null,
      loadProfile: async () => {
        const name = get().activeDataset;
        const key = `${name}\u0000${get().profileVersion}`;
        if (name && key === get().profileKey) return;
        set({ profileKey: key });
        if (!name) return set({ profile: null, profileLoading: false });
        set({ profileLoading: true });
        await request('profile.get', () => client.api.profile.get({ dataset: name }), {
          onValue: (profile) => set({ profile, profileLoading: false }),
          onError: () => set({ profile: null, profileLoading: false, profileKey: null }),
        });
      },
    }),
});
