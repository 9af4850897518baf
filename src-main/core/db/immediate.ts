import type Database from 'better-sqlite3';

/**
 * Every transaction on the connection begins IMMEDIATE. A deferred one starts as a reader and
 * upgrades on its first write; when the CLI (or another window) committed in between, SQLite
 * cannot upgrade it and answers SQLITE_BUSY_SNAPSHOT at once — no busy timeout helps. Taking the
 * write lock at BEGIN makes such a transaction wait its turn (up to the busy timeout) instead.
 * drizzle asks for the `deferred` variant unless told otherwise; here it gets the immediate one.
 */
export function immediateTransactions(sqlite: Database.Database): void {
  const transaction = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...args: never[]) => unknown) => {
    const made = transaction(fn);
    const immediate = made.immediate;
    // better-sqlite3's variants are read-only properties of the function it made: a new one carries ours.
    const wrapper = function (this: unknown, ...args: never[]) {
      return immediate.apply(this, args);
    };
    return Object.defineProperties(wrapper, {
      default: { value: immediate },
      deferred: { value: immediate },
      immediate: { value: immediate },
      exclusive: { value: made.exclusive },
      database: { value: sqlite },
    });
  }) as typeof sqlite.transaction;
}
