import { describe, expect, it } from 'vitest';
import { UsageError, exitCodeOf } from './cli-error.js';
import { checkDatabaseUrl, dataDirOf } from './open-storage.js';

describe('checkDatabaseUrl', () => {
  it('accepts postgres URLs and hides the password', () => {
    expect(checkDatabaseUrl('postgres://app:secret@db.example:5432/ar')).toBe('postgres://app:***@db.example:5432/ar');
    expect(checkDatabaseUrl('postgresql://db.example/ar')).toBe('postgresql://db.example/ar');
  });

  it('rejects anything else with a usage error naming the value', () => {
    expect(() => checkDatabaseUrl('not a url')).toThrow(/not a URL/);
    expect(() => checkDatabaseUrl('mysql://db/ar')).toThrow(/scheme "mysql"/);
    try {
      checkDatabaseUrl('http://x');
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect(exitCodeOf(e)).toBe(2);
    }
  });

  it('never shows the password of a URL it refuses', () => {
    const password = 'S3cr3t-open-storage';
    for (const url of [
      `postgres://app:${password}@db:99999/ar`,
      `postgres://app:${password}@/ar`,
      `postgres://app:${password}%zz@db/ar`,
      `app:${password}@db/ar`,
      `mysql://app:${password}@db/ar`,
    ]) {
      let message = '';
      try {
        checkDatabaseUrl(url);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        message = (e as Error).message;
      }
      expect(message).toMatch(/^--database-url \(or DUEFLOW_DATABASE_URL\): /);
      expect(message).not.toContain(password);
    }
  });

  it('resolves the data folder against the working directory', () => {
    expect(dataDirOf({ cwd: '/srv/ar' })).toBe('/srv/ar/.dueflow');
    expect(dataDirOf({ cwd: '/srv/ar', dataDir: '/var/dueflow' })).toBe('/var/dueflow');
  });
});
