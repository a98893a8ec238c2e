/** A throwaway PostgreSQL cluster for tests (see pg-cluster.mjs). */
export interface Cluster {
  url: string;
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  down(mode?: 'fast' | 'immediate'): Promise<void>;
  up(): Promise<void>;
  pause(): void;
  resume(): void;
  sql(statement: string): Promise<void>;
  stop(): void;
}
export function startCluster(): Promise<Cluster>;
export function freePort(): Promise<number>;
