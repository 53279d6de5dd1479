import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./navigation";

describe("post-sign-in destination", () => {
  it.each([
    ["/students/abc", "/students/abc"],
    ["/", "/"],
    ["https://evil.example.com/", "/"],
    ["//evil.example.com/", "/"],
    ["/\\evil.example.com", "/"],
    ["/sign-in?callbackUrl=/x", "/"],
    ["/api/auth/signout", "/"],
    [undefined, "/"],
    ["javascript:alert(1)", "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
