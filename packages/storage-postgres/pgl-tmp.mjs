import { PGlite } from '@electric-sql/pglite';
const t0=Date.now();
const db = new PGlite();
await db.waitReady;
console.log('ready', Date.now()-t0);
const r = await db.query("select 9007199254740991::bigint as b, $1::text::jsonb as j, $2::text[] as a, count(*) as c from (select 1) x", [JSON.stringify({a:1}), ['x','y"z']]);
console.log(r.rows, typeof r.rows[0].b);
await db.exec("create table t(a text, b bigint)");
const res = await db.query("copy t from '/dev/blob' (format csv)", [], {blob: new Blob(['x,1\n"y,z",2\n'])});
console.log(res, (await db.query('select * from t')).rows);
try { await db.transaction(async tx => { await tx.query('insert into t values ($1,$2)', ['q', 3]); throw new Error('boom'); }); } catch(e) { console.log('err', e.message); }
console.log((await db.query('select count(*) from t')).rows);
const u = await db.query("update t set b = b+1 where a = 'x'"); console.log(u.affectedRows, u.rowCount);
