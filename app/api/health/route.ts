import { NextResponse } from "next/server";
import { unsafeCheckDatabase } from "@/lib/dal/health";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and Playwright's webServer. */
export async function GET() {
  const database = await unsafeCheckDatabase();
  return NextResponse.json({ ok: database, database: database ? "up" : "down" }, { status: database ? 200 : 503 });
}
