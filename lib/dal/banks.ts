import "server-only";
import { and, asc, eq, ilike, or, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { accommodationBank, goalBank } from "@/db/schema";
import type { AccommodationBankItem, GoalBankItem } from "@/lib/dto/banks";
import { read } from "./core";
import { districtTarget } from "./district";
import type { Viewer } from "./viewer";

const LIMIT = 25;

function likeAny(q: string, ...columns: Parameters<typeof ilike>[0][]): SQL | undefined {
  const term = q.trim();
  if (!term) return undefined;
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(...columns.map((c) => ilike(c, pattern)));
}

/** Staff-wide read of the district's banks: every staff member may search them (`bank.read`). */
async function authorizeBank(viewer: Viewer) {
  await read(viewer, { action: "bank.read", load: districtTarget() });
}

/** `bank.read`: the district's accommodation bank, filtered by category and text (at most 25 rows). */
export async function searchAccommodationBank(
  viewer: Viewer,
  input: { q: string; category: string },
): Promise<AccommodationBankItem[]> {
  await authorizeBank(viewer);
  return getDb()
    .select({
      id: accommodationBank.id,
      category: accommodationBank.category,
      text: accommodationBank.text,
      teacherAction: accommodationBank.teacherAction,
      classroom: accommodationBank.classroom,
      testing: accommodationBank.testing,
    })
    .from(accommodationBank)
    .where(
      and(
        eq(accommodationBank.districtId, viewer.districtId),
        input.category ? eq(accommodationBank.category, input.category) : undefined,
        likeAny(input.q, accommodationBank.text, accommodationBank.teacherAction),
      ),
    )
    .orderBy(asc(accommodationBank.category), asc(accommodationBank.text))
    .limit(LIMIT);
}

/** `bank.read`: the district's goal bank, filtered by area and text (at most 25 rows). */
export async function searchGoalBank(viewer: Viewer, input: { q: string; category: string }): Promise<GoalBankItem[]> {
  await authorizeBank(viewer);
  return getDb()
    .select({
      id: goalBank.id,
      area: goalBank.area,
      text: goalBank.text,
      measurement: goalBank.measurement,
      objectives: goalBank.objectives,
    })
    .from(goalBank)
    .where(
      and(
        eq(goalBank.districtId, viewer.districtId),
        input.category ? eq(goalBank.area, input.category) : undefined,
        likeAny(input.q, goalBank.text),
      ),
    )
    .orderBy(asc(goalBank.area), asc(goalBank.text))
    .limit(LIMIT);
}
