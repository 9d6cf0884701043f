import type { Profile } from '../../shared/contract/ns/profile';
import type { Slice } from './types';

export interface ProfileSlice {
  /** The profile of the active dataset (latest version), with its quality alerts. */
  profile: Profile | null;
  profileLoading: boolean;
  loadProfile(): Promise<void>;
}

export const createProfileSlice: Slice<ProfileSlice> = (client) => (set, get) => {
  let seq = 0;
  return {
    profile: null,
    profileLoading: false,
    loadProfile: async () => {
      const name = get().activeDataset;
      const mine = ++seq;
      if (!name) return set({ profile: null, profileLoading: false });
      set({ profileLoading: true });
      try {
        const p = await client.api.profile.get({ dataset: name });
        if (mine === seq) set({ profile: p, profileLoading: false });
      } catch (err) {
        if (mine !== seq) return;
        set({ profile: null, profileLoading: false });
        get().notifyError(err);
      }
    },
  };
};
