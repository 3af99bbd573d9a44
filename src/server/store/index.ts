// Portable stores (no Node-only imports). SqliteStore is exported from `src/server/node-entry.ts`.
export { MemoryStore } from './memory';
export type { MemoryStoreOptions } from './memory';
export type { BalanceStore, DebitEntry, DebitRequest, DebitResult, StoredBalance } from './balance-types';
export type { NewStoredKey, NewUsageRecord, Store, StoredKey, StoreSnapshot, UsageRecord } from './types';
