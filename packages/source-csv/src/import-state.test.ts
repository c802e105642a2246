import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@dueflow/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonFileImportStateStore, createMemoryImportStateStore } from './import-state.js';

const state = { header: ['a', 'b'], importedAt: '2025-06-01T09:00:00.000Z', rows: 2 };

describe('createMemoryImportStateStore', () => {
  it('keeps state by key', async () => {
    const store = createMemoryImportStateStore();
    expect(await store.load('erp')).toBeUndefined();
    await store.save('erp', state);
    expect(await store.load('erp')).toEqual(state);
    expect(await store.load('other')).toBeUndefined();
  });
});

describe('createJsonFileImportStateStore', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dueflow-state-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('treats a missing file as empty and keeps several keys in one JSON file', async () => {
    const path = join(dir, 'state.json');
    const store = createJsonFileImportStateStore(path);
    expect(await store.load('erp')).toBeUndefined();
    await store.save('erp', state);
    await store.save('crm', { ...state, rows: 5 });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ erp: state, crm: { ...state, rows: 5 } });
    expect(await createJsonFileImportStateStore(path).load('crm')).toEqual({ ...state, rows: 5 });
  });

  it('rejects a file that is not import state with a ValidationError', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, '{"erp": {"header": "nope"}}');
    await expect(createJsonFileImportStateStore(path).load('erp')).rejects.toBeInstanceOf(ValidationError);
    await writeFile(path, 'not json');
    await expect(createJsonFileImportStateStore(path).load('erp')).rejects.toBeInstanceOf(ValidationError);
  });
});
