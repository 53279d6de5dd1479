import { describe, expect, it } from "vitest";
import { assertSafeTestDatabaseUrl } from "./safety";

describe("test database guard", () => {
  it("accepts local *_test databases", () => {
    expect(() => assertSafeTestDatabaseUrl("postgres://postgres@127.0.0.1:5432/planpath_test")).not.toThrow();
    expect(() => assertSafeTestDatabaseUrl("postgresql://u:p@localhost/x_test")).not.toThrow();
  });

  it.each([
    ["postgres://postgres@db.example.com:5432/planpath_test", /non-local/],
    ["postgres://postgres@127.0.0.1:5432/planpath", /must end in _test/],
    ["postgres://postgres@10.0.0.5/planpath_test", /non-local/],
    ["mysql://root@127.0.0.1/x_test", /postgres/],
    ["not a url", /not a valid URL/],
  ])("refuses %s", (url, message) => {
    expect(() => assertSafeTestDatabaseUrl(url)).toThrow(message);
  });
});
