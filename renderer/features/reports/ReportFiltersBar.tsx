import { useAppStore } from '../../app/StoreProvider';
import { useShallow } from 'zustand/react/shallow';
import { levelName } from '../supervisor/levels';
import {
  filterOptions,
  isDecisionSource,
  isReportLevel,
  parseDay,
  PERIOD_PRESETS,
  resolvePeriod,
} from './reportRequest';
import type { FilterDimension, PeriodPreset } from './reportRequest';
import { sourceName } from './reportFormat';

const PRESET_NAMES: Record<PeriodPreset, string> = {
  today: 'Today',
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  all: 'All',
};

type SelectProps = {
  label: string;
  dimension: FilterDimension;
  value: string | null;
  name: (v: string) => string;
  onPick: (v: string | null) => void;
};

function FilterSelect({ label, dimension, value, name, onPick }: SelectProps) {
  const report = useAppStore((s) => s.reports.value);
  const options = filterOptions(report, dimension, value);
  return (
    <label>
      {label}
      <select
        data-testid={`report-filter-${dimension}`}
        value={value ?? ''}
        onChange={(e) => onPick(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {name(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Period and filters; every change asks for a new report (the slice drops answers that come back late). */
export function ReportFiltersBar() {
  const filters = useAppStore(useShallow((s) => s.reports.filters));
  const setReportFilters = useAppStore((s) => s.setReportFilters);
  const period = resolvePeriod(filters.period, new Date());
  const setDays = (fromDay: string | null, toDay: string | null) =>
    setReportFilters({ period: { preset: 'custom', fromDay, toDay } });
  return (
    <div className="report-filters" role="group" aria-label="Report filters">
      <label>
        From (UTC day)
        <input
          type="date"
          data-testid="report-from"
          value={period.fromDay ?? ''}
          onChange={(e) => setDays(parseDay(e.target.value), period.toDay)}
        />
      </label>
      <label>
        To (included)
        <input
          type="date"
          data-testid="report-to"
          value={period.toDay ?? ''}
          onChange={(e) => setDays(period.fromDay, parseDay(e.target.value))}
        />
      </label>
      <div className="report-presets" role="group" aria-label="Period presets">
        {PERIOD_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            data-testid={`report-preset-${p}`}
            aria-pressed={filters.period.preset === p}
            onClick={() => setReportFilters({ period: { preset: p } })}
          >
            {PRESET_NAMES[p]}
          </button>
        ))}
      </div>
      <FilterSelect
        label="Inspector"
        dimension="inspector"
        value={filters.inspector}
        name={(v) => v}
        onPick={(v) => setReportFilters({ inspector: v })}
      />
      <FilterSelect
        label="Source"
        dimension="source"
        value={filters.source}
        name={sourceName}
        onPick={(v) => setReportFilters({ source: v !== null && isDecisionSource(v) ? v : null })}
      />
      <FilterSelect
        label="Automation level"
        dimension="automationLevel"
        value={filters.automationLevel}
        name={(v) => (isReportLevel(v) ? levelName(v) : v)}
        onPick={(v) => setReportFilters({ automationLevel: v !== null && isReportLevel(v) ? v : null })}
      />
      <FilterSelect
        label="Model version"
        dimension="modelVersion"
        value={filters.modelVersion}
        name={(v) => v}
        onPick={(v) => setReportFilters({ modelVersion: v })}
      />
    </div>
  );
}
