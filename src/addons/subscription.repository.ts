/** Firms' addon subscriptions. The config is sealed with the SecretBox before it is stored. */
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.js';
import { addonSubscriptions } from '../db/schema.js';
import type { SecretBox } from '../security/secret-box.js';
import type { SubscriptionConfig } from './subscription-config.js';

export interface Subscription {
  id: string;
  firmId: string;
  addon: string;
  enabled: boolean;
  config: SubscriptionConfig;
  createdAt: Date;
  updatedAt: Date;
}

type Row = typeof addonSubscriptions.$inferSelect;

export class SubscriptionRepository {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  async find(
    firmId: string,
    addon: string,
    db: Db | Tx = this.db,
  ): Promise<Subscription | undefined> {
    const [row] = await db
      .select()
      .from(addonSubscriptions)
      .where(and(eq(addonSubscriptions.firmId, firmId), eq(addonSubscriptions.addon, addon)))
      .limit(1);
    return row ? this.fromRow(row) : undefined;
  }

  async byId(id: string): Promise<Subscription | undefined> {
    const [row] = await this.db
      .select()
      .from(addonSubscriptions)
      .where(eq(addonSubscriptions.id, id))
      .limit(1);
    return row ? this.fromRow(row) : undefined;
  }

  async list(firmId: string): Promise<Subscription[]> {
    const rows = await this.db
      .select()
      .from(addonSubscriptions)
      .where(eq(addonSubscriptions.firmId, firmId))
      .orderBy(addonSubscriptions.addon);
    return rows.map((row) => this.fromRow(row));
  }

  /** Creates or replaces the firm's subscription to the addon. */
  async upsert(
    input: { firmId: string; addon: string; enabled: boolean; config: SubscriptionConfig },
    db: Db | Tx = this.db,
  ): Promise<{ subscription: Subscription; created: boolean }> {
    const sealed = this.box.sealJson(input.config);
    // Inside a caller's transaction every query must use it: PGlite has one connection, and a
    // query outside the open transaction would wait for it forever.
    const existing = await this.find(input.firmId, input.addon, db);
    const [row] = await db
      .insert(addonSubscriptions)
      .values({ firmId: input.firmId, addon: input.addon, enabled: input.enabled, config: sealed })
      .onConflictDoUpdate({
        target: [addonSubscriptions.firmId, addonSubscriptions.addon],
        set: { enabled: input.enabled, config: sealed, updatedAt: new Date() },
      })
      .returning();
    return { subscription: this.fromRow(row!), created: existing === undefined };
  }

  /** Every subscription of every firm (start-up wiring of the embedded sandbox). */
  async all(): Promise<Subscription[]> {
    const rows = await this.db.select().from(addonSubscriptions);
    return rows.map((row) => this.fromRow(row));
  }

  /** Every sealed config, for key rotation. */
  async rows(): Promise<{ id: string; config: string }[]> {
    return this.db
      .select({ id: addonSubscriptions.id, config: addonSubscriptions.config })
      .from(addonSubscriptions);
  }

  async replaceSealed(id: string, config: string, db: Db | Tx = this.db): Promise<void> {
    await db.update(addonSubscriptions).set({ config }).where(eq(addonSubscriptions.id, id));
  }

  private fromRow(row: Row): Subscription {
    return {
      id: row.id,
      firmId: row.firmId,
      addon: row.addon,
      enabled: row.enabled,
      config: this.box.openJson<SubscriptionConfig>(row.config),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}
