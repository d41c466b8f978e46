import { z } from 'zod';
import { channels, events, HTTP, IPC } from '../shared/contract.js';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
};

/** Renders a JSON Schema as a compact TypeScript-like type, with constraints as comments. */
function typeOf(s: Schema, indent: string): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map((u) => typeOf(u, indent)).join(' | ');
  const type = Array.isArray(s.type) ? s.type : [s.type];
  if (type.includes('object') && s.properties) {
    const inner = `${indent}  `;
    const lines = Object.entries(s.properties).map(([key, prop]) => {
      const optional = !(s.required ?? []).includes(key) || prop.default !== undefined;
      const notes = [
        prop.default !== undefined ? `default ${JSON.stringify(prop.default)}` : null,
        prop.minimum !== undefined || prop.maximum !== undefined
          ? `range ${prop.minimum ?? '…'}..${prop.maximum ?? '…'}`
          : null,
        prop.maxLength !== undefined ? `max ${prop.maxLength} chars` : null,
        prop.description ?? null,
      ].filter(Boolean);
      return `${inner}${key}${optional ? '?' : ''}: ${typeOf(prop, inner)};${notes.length ? ` // ${notes.join('; ')}` : ''}`;
    });
    return lines.length ? `{\n${lines.join('\n')}\n${indent}}` : '{}';
  }
  if (type.includes('array') && s.items) return `Array<${typeOf(s.items, indent)}>`;
  if (type.includes('integer')) return 'integer';
  return type.filter(Boolean).join(' | ') || 'unknown';
}

const render = (schema: z.ZodType, io: 'input' | 'output'): string =>
  typeOf(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Schema, '');

/** docs/api.md, generated from the contract so it cannot drift from the code. */
export function renderApiDocs(): string {
  const parts = [
    '# Loupe API',
    '',
    '<!-- Generated from electron/shared/contract.ts by `npx loupe api-docs > docs/api.md`; a test keeps it in sync. -->',
    '',
    'One contract, two transports. In the desktop app the renderer calls',
    `\`window.loupe.invoke(channel, input)\` (Electron IPC channel \`${IPC.invoke}\`, sender-checked);`,
    `in serve mode it calls \`POST ${HTTP.apiPrefix}<channel>\` with the input as a JSON body and the`,
    'per-launch token as `Authorization: Bearer <token>`. Both answer with the same envelope:',
    '',
    '```ts',
    '{ ok: true, value: <output> } | { ok: false, error: { code, message } }',
    '```',
    '',
    'Error codes: `invalid_input` (HTTP 400), `unauthorized` (401), `not_found` and `unknown_channel`',
    '(404), `conflict` (409), `internal` (500). Inputs are strict: unknown fields are refused.',
    '',
    `Serve mode also has \`GET ${HTTP.apiPrefix}${HTTP.eventsPath.slice(1)}?token=…\` (Server-Sent Events: \`event: <name>\`,`,
    `\`data: <json>\`) and \`GET ${HTTP.mediaPrefix}<itemId>?token=…\` (the item's image; TIFF and BMP are`,
    `sent as PNG). The desktop app serves images as \`${IPC.mediaScheme}://item/<itemId>\`.`,
    'The server binds 127.0.0.1 unless `--host` says otherwise and refuses requests whose',
    '`Host` or `Origin` header names another site.',
    '',
    '## Channels',
    '',
  ];
  for (const [name, spec] of Object.entries(channels)) {
    parts.push(
      `### \`${name}\``,
      '',
      'Input:',
      '',
      '```ts',
      render(spec.input, 'input'),
      '```',
      '',
      'Output:',
      '',
      '```ts',
      render(spec.output, 'output'),
      '```',
      '',
    );
  }
  parts.push('## Events', '');
  for (const [name, schema] of Object.entries(events)) {
    parts.push(`### \`${name}\``, '', '```ts', render(schema, 'output'), '```', '');
  }
  return parts.join('\n');
}
