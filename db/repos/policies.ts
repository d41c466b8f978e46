import type { PolicyDto, PolicySettings } from '../../electron/shared/contract.js';
import type { Db } from '../open.js';

type PolicyRow = {
  id: number;
  station: string;
  version: number;
  level: PolicyDto['level'];
  t_ok: number;
  t_defect: number;
  class_bands: string;
  audit_rate: number;
  blind_first_read_share: number;
  double_review_share: number;
  sampling_seed: string;
  created_at: string;
  created_by: string;
  reason: string;
};

function toDto(r: PolicyRow): PolicyDto {
  return {
    id: r.id,
    station: r.station,
    version: r.version,
    level: r.level,
    band: { t_ok: r.t_ok, t_defect: r.t_defect },
    classBands: JSON.parse(r.class_bands) as PolicyDto['classBands'],
    auditRate: r.audit_rate,
    blindFirstReadShare: r.blind_first_read_share,
    doubleReviewShare: r.double_review_share,
    samplingSeed: r.sampling_seed,
    createdAt: r.created_at,
    createdBy: r.created_by,
    reason: r.reason,
  };
}

/** Versioned, append-only station policies. */
export class PoliciesRepo {
  private readonly currentStmt;
  private readonly byIdStmt;
  private readonly historyStmt;
  private readonly insertStmt;

  constructor(db: Db) {
    this.currentStmt = db.prepare('SELECT * FROM policies WHERE station = ? ORDER BY version DESC LIMIT 1');
    this.byIdStmt = db.prepare('SELECT * FROM policies WHERE id = ?');
    this.historyStmt = db.prepare('SELECT * FROM policies WHERE station = ? ORDER BY version DESC LIMIT ?');
    this.insertStmt = db.prepare(
      `INSERT INTO policies (station, version, level, t_ok, t_defect, class_bands, audit_rate, blind_first_read_share, double_review_share, sampling_seed, created_at, created_by, reason)
       VALUES (@station, (SELECT COALESCE(MAX(version), 0) + 1 FROM policies WHERE station = @station), @level, @t_ok, @t_defect, @class_bands, @audit_rate, @blind_first_read_share, @double_review_share, @sampling_seed, @created_at, @created_by, @reason)
       RETURNING *`,
    );
  }

  current(station: string): PolicyDto | null {
    const row = this.currentStmt.get(station) as PolicyRow | undefined;
    return row ? toDto(row) : null;
  }

  get(id: number): PolicyDto | null {
    const row = this.byIdStmt.get(id) as PolicyRow | undefined;
    return row ? toDto(row) : null;
  }

  history(station: string, limit = 50): PolicyDto[] {
    return (this.historyStmt.all(station, limit) as PolicyRow[]).map(toDto);
  }

  /** Appends the next version for the station. */
  add(
    station: string,
    settings: PolicySettings,
    meta: { samplingSeed: string; createdBy: string; reason: string },
  ): PolicyDto {
    const row = this.insertStmt.get({
      station,
      level: settings.level,
      t_ok: settings.band.t_ok,
      t_defect: settings.band.t_defect,
      class_bands: JSON.stringify(settings.classBands),
      audit_rate: settings.auditRate,
      blind_first_read_share: settings.blindFirstReadShare,
      double_review_share: settings.doubleReviewShare,
      sampling_seed: meta.samplingSeed,
      created_at: new Date().toISOString(),
      created_by: meta.createdBy,
      reason: meta.reason,
    }) as PolicyRow;
    return toDto(row);
  }
}
