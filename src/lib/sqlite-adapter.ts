// The Prisma driver adapter for SQLite through better-sqlite3, declaring SQLite's real limit on
// bound parameters. The adapter does not report one, so Prisma assumes 999 (the limit of SQLite
// before 3.32) and refuses any query it cannot split below that with P2029 ("The query parameter
// limit supported by your database is exceeded"), such as the relation counts of a library page
// listing more than 999 episodes. The SQLite that better-sqlite3 bundles accepts 32,766
// (SQLITE_MAX_VARIABLE_NUMBER; tests/integration/scale.test.ts checks it).
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export const SQLITE_MAX_BIND_VALUES = 32_766;

type Config = ConstructorParameters<typeof PrismaBetterSqlite3>[0];

export function sqliteAdapter(config: Config): SqlDriverAdapterFactory {
  const factory = new PrismaBetterSqlite3(config);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await factory.connect();
      const info = adapter.getConnectionInfo?.() ?? { supportsRelationJoins: false };
      adapter.getConnectionInfo = () => ({ ...info, maxBindValues: SQLITE_MAX_BIND_VALUES });
      return adapter;
    },
  };
}
