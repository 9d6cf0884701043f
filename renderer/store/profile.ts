import type { Profile } from '../../shared/contract/ns/profile';
import type { Slice } from './types';

export interface ProfileSlice {
  /** The profile of the active dataset (latest version), with its quality alerts. */
  profile: Profile | null;
  profileLoading: boolean;
  /** Loads the active dataset's profile unless the one shown is already current (same dataset, no change since). */
  loadProfile(): Promise<void>;
}

export const createProfileSlice: Slice<ProfileSlice> = (client) => (set, get) => {
  let seq = 0;
  /** dataset and dataVersion of the profile held (or being loaded): profiling a large dataset is not free. */
  let heldKey = '';
  return {
    profile: null,
    profileLoading: false,
    loadProfile: async () => {
      const name = get().activeDataset;
      const key = `${name}\u0000${get().dataVersion}`;
      if (name && key === heldKey) return;
      heldKey = key;
      const mine = ++seq;
      if (!name) return set({ profile: null, profileLoading: false });
      set({ profileLoading: true });
      try {
        const p = await client.api.profile.get({ dataset: name });
        if (mine === seq) set({ profile: p, profileLoading: false });
      } catch (err) {
        if (mine !== seq) return;
        heldKey = '';
        set({ profile: null, profileLoading: false });
        get().notifyError(err);
      }
    },
  };
};
