import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { setupTestDatabase } from "@/db/testing/database";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { designate504Coordinator } from "@/lib/dal/schools";
import type { Viewer } from "@/lib/dal/viewer";
import { AppError } from "@/lib/errors";
import { designateCoordinatorSchema } from "@/lib/validation/admin";
import { buildAction } from "./build-action";

setupTestDatabase();
let world: World;
let principal: Viewer;

beforeAll(async () => {
  world = await createWorld();
  principal = await viewerFor(world.users.principalA);
});

const asPrincipal = async () => principal;
const anonymous = async () => null;

describe("server action pipeline", () => {
  const designate = () =>
    buildAction(asPrincipal, designateCoordinatorSchema, (viewer, input) => designate504Coordinator(viewer!, input));

  it("runs the DAL for valid input", async () => {
    const result = await designate()({ schoolId: world.schoolA.id, userId: world.users.caseManager.id });
    expect(result).toEqual({ ok: true, data: undefined });
  });

  it("answers wrong types with field-level validation keys, never a crash", async () => {
    const result = await designate()({ schoolId: 42, userId: ["x"] });
    expect(result).toEqual({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { schoolId: ["validation.invalidId"], userId: ["validation.invalidId"] },
    });
    expect(await designate()(null)).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await designate()("a string")).toMatchObject({ ok: false, code: "VALIDATION" });
  });

  it("accepts FormData", async () => {
    const form = new FormData();
    form.set("schoolId", "nope");
    form.set("userId", world.users.teacher.id);
    expect(await designate()(form)).toEqual({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { schoolId: ["validation.invalidId"] },
    });
  });

  it("maps domain errors to their code and message key", async () => {
    const result = await designate()({ schoolId: world.schoolB.id, userId: world.users.teacher.id });
    expect(result).toEqual({ ok: false, code: "NOT_FOUND", formError: "errors.NOT_FOUND", fieldErrors: undefined });
    const invalid = await designate()({ schoolId: world.schoolA.id, userId: world.users.otherTeacher.id });
    expect(invalid).toEqual({
      ok: false,
      code: "VALIDATION",
      formError: undefined,
      fieldErrors: { userId: ["errors.coordinatorNotStaff"] },
    });
  });

  it("refuses anonymous callers unless the action is public", async () => {
    const action = buildAction(anonymous, z.object({}), async () => "secret");
    expect(await action({})).toEqual({
      ok: false,
      code: "UNAUTHENTICATED",
      formError: "errors.UNAUTHENTICATED",
      fieldErrors: undefined,
    });
    const open = buildAction(anonymous, z.object({}), async () => "open", { public: true });
    expect(await open({})).toEqual({ ok: true, data: "open" });
  });

  it("turns database constraint violations into 4xx codes and hides unexpected errors", async () => {
    const unique = buildAction(asPrincipal, z.object({}), async () => {
      throw Object.assign(new Error("Failed query"), {
        cause: Object.assign(new Error("duplicate key"), { code: "23505" }),
      });
    });
    expect(await unique({})).toMatchObject({ ok: false, code: "CONFLICT", formError: "errors.duplicate" });
    const bug = buildAction(asPrincipal, z.object({}), async () => {
      throw new Error("secret internals at /srv/app.ts:12");
    });
    const result = await bug({});
    expect(result).toEqual({ ok: false, code: "INTERNAL", formError: "errors.unexpected" });
    expect(JSON.stringify(result)).not.toContain("secret internals");
    const rateLimited = buildAction(asPrincipal, z.object({}), async () => {
      throw new AppError("RATE_LIMITED", "errors.signInLocked");
    });
    expect(await rateLimited({})).toMatchObject({ code: "RATE_LIMITED", formError: "errors.signInLocked" });
  });
});
