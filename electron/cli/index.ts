import path from 'node:path';
import { parseArgs } from 'node:util';
import packageJson from '../../package.json' with { type: 'json' };
import { renderApiDocs } from './apiDocs.js';
import { evalCommand } from './evalCommand.js';
import { importCommand } from './importCommand.js';
import { defaultDataDir } from './paths.js';
import { predictCommand } from './predictCommand.js';
import { reportCommand } from './reportCommand.js';
import { serve } from './serve.js';
import { auditVerify, CommandError, policySet, policyShow, supervisorInit } from './supervisorCommands.js';

const USAGE = `Loupe ${packageJson.version} — human-in-the-loop review station for visual defect inspection

Usage:
  loupe serve  [--port N] [--host 127.0.0.1] [--data DIR] [--model ID] [--hot-folder DIR] [--no-demo]
               Serve the station in a browser; prints the address with its access token.
  loupe import --images DIR [--labels FILE.csv] [--data DIR] [--model ID]
               Add every image under DIR (recursively), score it, list quarantined files.
               With --labels: import past inspections (columns file,label,class,inspector,decided_at;
               file relative to DIR) as history decisions; any bad row fails the whole import.
  loupe predict --images DIR --out FILE.jsonl [--model ID]
               Score every image under DIR; one JSON line per image (errors included).
  loupe eval   --images DIR --out FILE.json [--model ID]
               Evaluate on a labelled folder in the dataset layout (MT_<Class>/Imgs/*.jpg + *.png masks).
  loupe supervisor init --password P [--name supervisor] [--data DIR]
               Create the supervisor who signs policy changes.
  loupe policy show [--data DIR]
  loupe policy set --level human_only|ai_assist|partial|full [--t-ok X] [--t-defect Y] [--class C]
               [--audit-rate R] [--blind-first-read R] [--double-review R] --reason TEXT
               [--supervisor NAME] [--data DIR]
               New policy version; the password comes from LOUPE_SUPERVISOR_PASSWORD or a prompt.
  loupe audit verify [--data DIR]
               Check the hash chain of the audit trail; exits 1 naming the first bad entry.
  loupe report --format csv|json|html|pdf --out FILE [--from ISO] [--to ISO] [--data DIR]
               The agreement report, or (csv) every decision with its paired prediction.
  loupe api-docs
               Print the API reference (docs/api.md) generated from the contract.

Options:
  --data DIR   data folder holding loupe.db and the image store
               (default: ${defaultDataDir()})
  --model ID   model folder under models/ to use as the champion (default: tile-defect-v1)
  --hot-folder DIR
               watch DIR for new images from a camera (remembered in the data folder)
  --no-demo    do not import the bundled demo images into a new, empty data folder
  -h, --help   show this help
`;

class UsageError extends Error {}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 5420;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535, got "${value}"`);
  return port;
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...afterFirst] = argv;
  // Two-word commands: `supervisor init`, `policy set|show`, `audit verify`.
  const twoWord = first === 'supervisor' || first === 'policy' || first === 'audit';
  const command =
    twoWord && afterFirst[0] && !afterFirst[0].startsWith('-') ? `${first} ${afterFirst[0]}` : first;
  const rest = twoWord && command !== first ? afterFirst.slice(1) : afterFirst;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      model: { type: 'string' },
      images: { type: 'string' },
      out: { type: 'string' },
      labels: { type: 'string' },
      format: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'hot-folder': { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string', default: 'supervisor' },
      supervisor: { type: 'string', default: 'supervisor' },
      reason: { type: 'string' },
      level: { type: 'string' },
      't-ok': { type: 'string' },
      't-defect': { type: 'string' },
      class: { type: 'string' },
      'audit-rate': { type: 'string' },
      'blind-first-read': { type: 'string' },
      'double-review': { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = path.resolve(values.data ?? defaultDataDir());
  switch (command) {
    case 'serve':
      await serve({
        port: parsePort(values.port),
        host: values.host,
        dataDir,
        demo: !values['no-demo'],
        modelId: values.model,
        hotFolder: values['hot-folder'] === undefined ? undefined : path.resolve(values['hot-folder']),
      });
      return -1;
    case 'report':
      if (!values.format || !values.out)
        throw new UsageError('report needs --format csv|json|html|pdf and --out FILE');
      return reportCommand({
        dataDir,
        format: values.format,
        out: values.out,
        from: values.from,
        to: values.to,
      });
    case 'api-docs':
      process.stdout.write(renderApiDocs());
      return 0;
    case 'predict':
    case 'eval': {
      if (!values.images || !values.out) throw new UsageError(`${command} needs --images DIR and --out FILE`);
      const run = command === 'predict' ? predictCommand : evalCommand;
      return run({ images: values.images, out: values.out, modelId: values.model });
    }
    case 'supervisor init':
      if (!values.password) throw new UsageError('supervisor init needs --password P');
      return supervisorInit({ dataDir, name: values.name, password: values.password });
    case 'policy show':
      return policyShow({ dataDir });
    case 'policy set':
      if (!values.reason) throw new UsageError('policy set needs --reason TEXT (why the policy changes)');
      return policySet({
        dataDir,
        supervisor: values.supervisor,
        reason: values.reason,
        level: values.level,
        tOk: values['t-ok'],
        tDefect: values['t-defect'],
        defectClass: values.class,
        auditRate: values['audit-rate'],
        blindFirstRead: values['blind-first-read'],
        doubleReview: values['double-review'],
      });
    case 'audit verify':
      return auditVerify({ dataDir });
    case 'import':
      if (!values.images) throw new UsageError('import needs --images DIR');
      return importCommand({ images: values.images, dataDir, modelId: values.model, labels: values.labels });
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** Runs the CLI; -1 from a command means "keep running" (a server). */
export function run(argv: string[]): void {
  main(argv).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (err: unknown) => {
      const usage =
        err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      console.error(`loupe: ${err instanceof Error ? err.message : String(err)}`);
      if (usage) console.error('run `loupe --help` for usage');
      else if (!(err instanceof CommandError) && err instanceof Error && err.stack) console.error(err.stack);
      process.exitCode = usage ? 2 : 1;
    },
  );
}
