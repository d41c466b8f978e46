import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderApiDocs } from '../../../electron/cli/apiDocs.js';
import { APP_ROOT } from '../../../electron/cli/paths.js';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../electron/shared/contract.js';

describe('docs/api.md', () => {
  it('lists every channel and event with its input and output', () => {
    const docs = renderApiDocs();
    for (const name of [...CHANNEL_NAMES, ...EVENT_NAMES]) expect(docs).toContain(`### \`${name}\``);
    expect(docs).toMatch(/### `review:decide`\n\nInput:\n\n```ts\n\{\n {2}itemId: integer;/);
  });

  it('is up to date with the contract (regenerate with `npx loupe api-docs > docs/api.md`)', () => {
    expect(fs.readFileSync(`${APP_ROOT}/docs/api.md`, 'utf8')).toBe(renderApiDocs());
  });
});
