import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/engine/db/migrations';
import { migrate, SCHEMA_VERSION } from '../../../electron/engine/db/migrate';

describe('migrations', () => {
  it('are numbered by position', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  // One test per migration: applying migrations 1..N on an empty database reaches version N
  // and creates that migration's tables; a second run changes nothing.
  for (const m of MIGRATIONS) {
    it(`applies ${String(m.version).padStart(4, '0')}-${m.name} on top of the previous ones`, () => {
      const db = new Database(':memory:');
      const upTo = MIGRATIONS.slice(0, m.version);
      expect(migrate(db, upTo)).toBe(m.version);
      const before = db.prepare("SELECT name FROM sqlite_master ORDER BY name").all();
      expect(migrate(db, upTo)).toBe(m.version);
      expect(db.prepare("SELECT name FROM sqlite_master ORDER BY name").all()).toEqual(before);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    });
  }

  it('refuses a workspace from a newer SegmentDesk', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/newer/);
  });

  it('rolls back a failing migration as a whole', () => {
    const db = new Database(':memory:');
    const bad = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'bad', up: 'CREATE TABLE ok_part(x); CREATE TABLE broken(' }];
    expect(() => migrate(db, bad)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok_part'").get()).toEqual({ n: 0 });
  });
});
