import { useAppStore } from '../../app/StoreProvider';
import { withReports } from '../../app/reportsSlice';
import type { ReportsState } from '../../app/reportsSlice';

/** useAppStore for state that includes the reports slice (see ReportsState for why it is separate). */
export function useReportsStore<T>(selector: (state: ReportsState) => T): T {
  return useAppStore((state) => selector(withReports(state)));
}
