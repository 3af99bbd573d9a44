// Prints the SQLite backend SqliteStore picks on this runtime, from the built server entry as
// users import it: `<runtime> sqlite-entry.mjs` → {"driver":"node:sqlite"}.
import { SqliteStore } from '@hokusai/auth/server/node';
import { storedKey } from '../../support/stored-key';

const store = new SqliteStore({ filename: ':memory:' });
const key = storedKey({ name: 'backend check' });
store.insertKey(key);
console.log(JSON.stringify({ driver: store.driver, found: store.findKeyByHash(key.key_hash)?.name ?? null }));
store.close();
