import type { Band, WhatIfDistributionDto, WhatIfDto } from '../../electron/shared/contract';
import { call, describeError, latestWins, patcher } from './call';
import type { LoadStatus, SliceCreator } from './types';

export type DistributionState = {
  status: LoadStatus;
  value: WhatIfDistributionDto | null;
  error: string | null;
};

export interface WhatIfSlice {
  whatIf: {
    /** By distributionKey(defectClass): fetched once, refreshed on db:changed. */
    distributions: Record<string, DistributionState>;
    /** The exact figures of the last band asked for; shown while the draft still has that band. */
    exact: { status: LoadStatus; key: string | null; value: WhatIfDto | null; error: string | null };
  };
  loadWhatIfDistribution: (defectClass: string | null) => Promise<void>;
  computeExactWhatIf: (band: Band, defectClass: string | null) => Promise<void>;
  /** New labels change every figure: reloads the distributions fetched so far and the last exact band. */
  refreshWhatIf: () => void;
}

export const distributionKey = (defectClass: string | null): string => defectClass ?? '*';
export const whatIfKey = (band: Band, defectClass: string | null): string =>
  `${distributionKey(defectClass)}|${band.t_ok}|${band.t_defect}`;

export const createWhatIfSlice: SliceCreator<WhatIfSlice> = (set, get, { api }) => {
  const patch = patcher(set, 'whatIf');
  // Only the band asked for last may land: dragging fires many requests and answers can cross.
  const beginExact = latestWins();
  let lastExact: { band: Band; defectClass: string | null } | null = null;

  const loadDistribution = async (defectClass: string | null) => {
    const key = distributionKey(defectClass);
    patch((w) => ({
      distributions: {
        ...w.distributions,
        [key]: { value: null, ...w.distributions[key], status: 'loading', error: null },
      },
    }));
    const res = await call(api, 'whatif:distribution', { defectClass });
    patch((w) => ({
      distributions: {
        ...w.distributions,
        [key]: res.ok
          ? { status: 'ready', value: res.value, error: null }
          : {
              value: w.distributions[key]?.value ?? null,
              status: 'error',
              error: describeError('Cannot load the labelled distribution', res.error),
            },
      },
    }));
  };

  return {
    whatIf: { distributions: {}, exact: { status: 'idle', key: null, value: null, error: null } },
    loadWhatIfDistribution: loadDistribution,

    computeExactWhatIf: async (band, defectClass) => {
      const isLatest = beginExact();
      lastExact = { band, defectClass };
      const key = whatIfKey(band, defectClass);
      patch((w) => ({ exact: { ...w.exact, status: 'loading', key, error: null } }));
      const res = await call(api, 'whatif:compute', { band, defectClass });
      if (!isLatest()) return;
      patch(() => ({
        exact: res.ok
          ? { status: 'ready', key, value: res.value, error: null }
          : {
              status: 'error',
              key,
              value: null,
              error: describeError('Cannot compute the exact what-if', res.error),
            },
      }));
    },

    refreshWhatIf: () => {
      for (const key of Object.keys(get().whatIf.distributions))
        void loadDistribution(key === '*' ? null : key);
      if (lastExact) void get().computeExactWhatIf(lastExact.band, lastExact.defectClass);
    },
  };
};
