import { randomBytes } from 'node:crypto';
import type { PolicyDto, PolicySettings } from '../../shared/contract.js';
import { settingsOf } from '../../shared/policy.js';
import type { Db } from '../../../db/open.js';
import type { AuditRepo } from '../../../db/repos/audit.js';
import type { PoliciesRepo } from '../../../db/repos/policies.js';
import type { SupervisorsRepo } from '../../../db/repos/supervisors.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { invalid, ServiceError } from '../errors.js';

export type PolicyServiceDeps = {
  db: Db;
  station: string;
  policies: PoliciesRepo;
  supervisors: SupervisorsRepo;
  audit: AuditRepo;
  /** The classes a per-class band may name (the champion's defect classes). */
  defectClasses: () => readonly string[];
  /** Band a new station starts with (the model's default thresholds). */
  defaultBand: () => { t_ok: number; t_defect: number };
  onChanged: (policy: PolicyDto) => void;
};

/** Everyone starts blind: the model runs in shadow until a supervisor moves the station on. */
function initialSettings(band: { t_ok: number; t_defect: number }): PolicySettings {
  return {
    level: 'human_only',
    band,
    classBands: {},
    auditRate: 0.05,
    blindFirstReadShare: 0.1,
    doubleReviewShare: 0,
  };
}

/** Station policy: versioned settings, changed only by a supervisor who signs with a reason. */
export class PolicyService {
  constructor(private readonly deps: PolicyServiceDeps) {}

  current(): PolicyDto {
    const existing = this.deps.policies.current(this.deps.station);
    if (existing) return existing;
    return this.deps.db.transaction(() => {
      const again = this.deps.policies.current(this.deps.station);
      if (again) return again;
      const policy = this.deps.policies.add(this.deps.station, initialSettings(this.deps.defaultBand()), {
        samplingSeed: randomBytes(16).toString('hex'),
        createdBy: 'system',
        reason: 'initial policy: human only, model in shadow',
      });
      this.deps.audit.append('system', 'policy.create', {
        station: this.deps.station,
        version: policy.version,
        new: policy,
      });
      return policy;
    })();
  }

  history(): PolicyDto[] {
    this.current();
    return this.deps.policies.history(this.deps.station);
  }

  supervisorNames(): string[] {
    return this.deps.supervisors.names();
  }

  async createSupervisor(name: string, password: string): Promise<void> {
    if (password.length < 8) throw invalid('a supervisor password needs at least 8 characters');
    if (this.deps.supervisors.passwordHash(name) !== null)
      throw new ServiceError('conflict', `supervisor "${name}" already exists`);
    const hash = await hashPassword(password);
    this.deps.db.transaction(() => {
      this.deps.supervisors.add(name, hash);
      this.deps.audit.append(name, 'supervisor.create', { name });
    })();
  }

  /** Throws `unauthorized` unless the name and password belong to a supervisor. */
  async authenticate(name: string, password: string): Promise<void> {
    const hash = this.deps.supervisors.passwordHash(name);
    // Hash anyway for unknown names, so timing does not reveal which names exist.
    const ok = await verifyPassword(password, hash ?? (await dummyHash()));
    if (!hash || !ok) throw new ServiceError('unauthorized', 'supervisor name or password is wrong');
  }

  async change(input: {
    supervisor: string;
    password: string;
    reason: string;
    settings: PolicySettings;
  }): Promise<PolicyDto> {
    if (this.deps.supervisors.names().length === 0) {
      throw new ServiceError(
        'unauthorized',
        'no supervisor is set up; run `npx loupe supervisor init` first',
      );
    }
    await this.authenticate(input.supervisor, input.password);
    const classes = this.deps.defectClasses();
    for (const cls of Object.keys(input.settings.classBands)) {
      if (!classes.includes(cls))
        throw invalid(`unknown defect class "${cls}" in class bands; expected one of ${classes.join(', ')}`);
    }
    const previous = this.current();
    const policy = this.deps.db.transaction(() => {
      const next = this.deps.policies.add(this.deps.station, input.settings, {
        samplingSeed: previous.samplingSeed,
        createdBy: input.supervisor,
        reason: input.reason,
      });
      this.deps.audit.append(input.supervisor, 'policy.change', {
        station: this.deps.station,
        version: next.version,
        reason: input.reason,
        old: settingsOf(previous),
        new: settingsOf(next),
      });
      return next;
    })();
    this.deps.onChanged(policy);
    return policy;
  }
}

let dummy: Promise<string> | null = null;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}
