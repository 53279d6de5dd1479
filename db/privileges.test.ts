import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit";
import { auditEvents } from "./schema";
import { getDb, getDriver } from "./client";
import { APPEND_ONLY_TABLES, NO_DELETE_TABLES, roleOf } from "./privileges";
import { setupTestDatabase } from "./testing/database";
import { createWorld } from "./testing/factories";
import { ownerDb } from "./testing/owner";

const db = setupTestDatabase();
const appRole = roleOf(process.env.DATABASE_URL);
const ownerRole = roleOf(process.env.DATABASE_MIGRATION_URL);
// Only on PostgreSQL with a separate app role (as CI and the README's PostgreSQL setup run it).
const separateRoles = Boolean(process.env.DATABASE_URL && ownerRole && appRole && ownerRole !== appRole);

/** The SQLSTATE of a failed statement (42501 = insufficient_privilege), or "ok". */
async function outcome(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
    return "ok";
  } catch (error) {
    return String((error as { code?: unknown }).code ?? error);
  }
}

describe.skipIf(!separateRoles)("the app's PostgreSQL role is least-privilege", () => {
  let eventId: number;

  beforeAll(async () => {
    expect(getDriver()).toBe("postgres");
    const world = await createWorld();
    const teacher = world.users.teacher;
    // The app role can append to the audit trail (a sign-out row), and nothing more.
    await recordAudit(db(), {
      action: "auth.signed_out",
      actor: { userId: teacher.id, role: "teacher", districtId: world.district.id },
      entityType: "user",
      entityId: teacher.id,
    });
    const [event] = await db()
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(sql`actor_user_id = ${teacher.id}`)
      .limit(1);
    eventId = event!.id;
  });

  it("is not a superuser and owns no table", async () => {
    const [me] = (await getDb().execute(
      sql`select current_user as name, rolsuper as super from pg_roles where rolname = current_user`,
    )) as unknown as { name: string; super: boolean }[];
    expect(me).toEqual({ name: appRole, super: false });
    const owned = (await getDb().execute(
      sql`select tablename from pg_tables where schemaname = 'public' and tableowner = current_user`,
    )) as unknown as unknown[];
    expect(owned).toEqual([]);
  });

  it("cannot disable the audit trigger, switch triggers off, or rewrite or delete an audit row", async () => {
    expect(
      await outcome(db().execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`)),
    ).toBe("42501");
    expect(await outcome(db().execute(sql`alter table audit_events disable trigger all`))).toBe("42501");
    expect(await outcome(db().execute(sql`set session_replication_role = replica`))).toBe("42501");
    expect(await outcome(db().execute(sql`drop trigger audit_events_no_update_delete on audit_events`))).toBe("42501");
    expect(await outcome(db().execute(sql`update audit_events set action = 'tampered' where id = ${eventId}`))).toBe(
      "42501",
    );
    expect(await outcome(db().execute(sql`delete from audit_events where id = ${eventId}`))).toBe("42501");
    expect(await outcome(db().execute(sql`truncate audit_events`))).toBe("42501");
    const [row] = await ownerDb()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(sql`id = ${eventId}`);
    expect(row!.action).not.toBe("tampered");
  });

  it("has no UPDATE or DELETE on any append-only table and no DELETE on case events or the legal record, on every table migrations made", async () => {
    const grants = (await getDb().execute(sql`
      select table_name as table, string_agg(privilege_type, ',' order by privilege_type) as privileges
      from information_schema.role_table_grants
      where grantee = current_user and table_schema = 'public'
      group by table_name`)) as unknown as { table: string; privileges: string }[];
    const byTable = Object.fromEntries(grants.map((g) => [g.table, g.privileges]));
    const tables = (await ownerDb().execute(
      sql`select tablename from pg_tables where schemaname = 'public'`,
    )) as unknown as { tablename: string }[];
    expect(tables.length).toBeGreaterThan(20);
    for (const { tablename } of tables) {
      const expected = (APPEND_ONLY_TABLES as readonly string[]).includes(tablename)
        ? "INSERT,SELECT"
        : (NO_DELETE_TABLES as readonly string[]).includes(tablename)
          ? "INSERT,SELECT,UPDATE"
          : "DELETE,INSERT,SELECT,UPDATE";
      expect([tablename, byTable[tablename]]).toEqual([tablename, expected]);
    }
  });
});

describe("privileges setup", () => {
  it("reads the role from a connection URL", () => {
    expect(roleOf("postgres://planpath_app@127.0.0.1:5432/planpath")).toBe("planpath_app");
    expect(roleOf("postgres://127.0.0.1/planpath")).toBeNull();
    expect(roleOf(undefined)).toBeNull();
  });
});
