import type { PolicySettings } from '../shared/contract.js';
import { policySettingsSchema } from '../shared/contract.js';
import { bandFor, settingsOf, withBand } from '../shared/policy.js';
import { startServices } from '../services/app.js';
import type { RunningServices } from '../services/app.js';
import { ServiceError } from '../services/errors.js';
import { formatIssues } from '../services/issues.js';
import { consoleLogger } from './logger.js';
import { MODELS_DIR } from './paths.js';
import { promptHidden } from './prompt.js';

export class CommandError extends Error {}

async function withServices<T>(dataDir: string, run: (s: RunningServices) => Promise<T>): Promise<T> {
  const services = await startServices({
    dataDir,
    modelsDir: MODELS_DIR,
    demoImagesDir: null,
    watchHotFolder: false,
    // No model, scoring or routing: these commands may run beside a `loupe serve` on the same data.
    background: false,
    logger: consoleLogger('stderr'),
  });
  try {
    return await run(services);
  } catch (err) {
    if (err instanceof ServiceError) throw new CommandError(err.message);
    throw err;
  } finally {
    await services.close();
  }
}

/** `loupe supervisor init`: creates the supervisor who signs policy changes. */
export function supervisorInit(options: {
  dataDir: string;
  name: string;
  password: string;
}): Promise<number> {
  return withServices(options.dataDir, async (s) => {
    await s.policy.createSupervisor(options.name, options.password);
    console.log(`supervisor "${options.name}" created in ${s.dataDir}`);
    return 0;
  });
}

export type PolicySetOptions = {
  dataDir: string;
  supervisor: string;
  reason: string;
  level?: string;
  tOk?: string;
  tDefect?: string;
  defectClass?: string;
  auditRate?: string;
  blindFirstRead?: string;
  doubleReview?: string;
};

const num = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isFinite(v)) throw new CommandError(`${name} must be a number, got "${value}"`);
  return v;
};

/** `loupe policy set`: a new policy version from the current one with the given changes. */
export async function policySet(options: PolicySetOptions): Promise<number> {
  const password =
    process.env.LOUPE_SUPERVISOR_PASSWORD ??
    (await promptHidden(`password for supervisor ${options.supervisor}: `));
  if (!password)
    throw new CommandError(
      'a supervisor password is required: set LOUPE_SUPERVISOR_PASSWORD or run in a terminal',
    );
  return withServices(options.dataDir, async (s) => {
    const current = s.policy.current();
    const tOk = num('--t-ok', options.tOk);
    const tDefect = num('--t-defect', options.tDefect);
    const target = options.defectClass ?? null;
    const old = bandFor(current, target);
    const next = withBand(
      {
        ...settingsOf(current),
        level: (options.level ?? current.level) as PolicySettings['level'],
        auditRate: num('--audit-rate', options.auditRate) ?? current.auditRate,
        blindFirstReadShare: num('--blind-first-read', options.blindFirstRead) ?? current.blindFirstReadShare,
        doubleReviewShare: num('--double-review', options.doubleReview) ?? current.doubleReviewShare,
      },
      target,
      { t_ok: tOk ?? old.t_ok, t_defect: tDefect ?? old.t_defect },
    );
    const parsed = policySettingsSchema.safeParse(next);
    if (!parsed.success) throw new CommandError(formatIssues(parsed.error.issues, 'policy'));
    const reason = options.reason.trim();
    if (reason.length < 3) throw new CommandError('--reason is required (why the policy changes)');
    const policy = await s.policy.change({
      supervisor: options.supervisor,
      password,
      reason,
      settings: parsed.data,
    });
    console.log(`policy version ${policy.version} for station ${policy.station}: ${describe(policy)}`);
    return 0;
  });
}

export function policyShow(options: { dataDir: string }): Promise<number> {
  return withServices(options.dataDir, (s) => {
    const p = s.policy.current();
    console.log(
      `station ${p.station}, policy version ${p.version} (${p.createdAt} by ${p.createdBy}: ${p.reason})`,
    );
    console.log(`  ${describe(p)}`);
    return Promise.resolve(0);
  });
}

function describe(p: PolicySettings): string {
  const classes = Object.entries(p.classBands)
    .map(([c, b]) => ` ${c} ${b.t_ok}–${b.t_defect}`)
    .join(',');
  return `level ${p.level}, band t_ok ${p.band.t_ok} t_defect ${p.band.t_defect}${classes ? `, class bands:${classes}` : ''}, audit ${p.auditRate}, blind first read ${p.blindFirstReadShare}, double review ${p.doubleReviewShare}`;
}

/** `loupe audit verify`: exit 1 and name the first entry that breaks the hash chain. */
export function auditVerify(options: { dataDir: string }): Promise<number> {
  return withServices(options.dataDir, async (s) => {
    const result = await s.handlers['audit:verify']({});
    if (result.ok) {
      console.log(`audit trail intact: ${result.entries} entries, head ${result.head}`);
      return 0;
    }
    console.error(
      `audit trail BROKEN at entry #${result.badEntryId}: ${result.reason} (${result.entries} entries before it verify)`,
    );
    return 1;
  });
}
