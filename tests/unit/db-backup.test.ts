import { describe, expect, it } from "vitest";
import { filePathOf, serverHttpBase, splitSqlDump } from "@/lib/db/backup";

describe("backup helpers", () => {
  it("finds the file of a file: URL", () => {
    expect(filePathOf("file:data/guanjia.db")).toBe("data/guanjia.db");
    expect(filePathOf("file:/srv/g.db?mode=rwc")).toBe("/srv/g.db");
    expect(filePathOf("file:///srv/g.db")).toBe("/srv/g.db");
    expect(() => filePathOf("http://x")).toThrow();
  });

  it("maps libSQL server URLs to their HTTP base", () => {
    expect(serverHttpBase("libsql://db.example.com")).toBe("https://db.example.com");
    expect(serverHttpBase("libsql://127.0.0.1:8080?tls=0")).toBe("http://127.0.0.1:8080");
    expect(serverHttpBase("ws://127.0.0.1:8080/")).toBe("http://127.0.0.1:8080");
    expect(serverHttpBase("wss://db.example.com")).toBe("https://db.example.com");
    expect(serverHttpBase("http://127.0.0.1:9")).toBe("http://127.0.0.1:9");
  });

  it("cuts a dump only after one-line INSERTs, never inside a trigger, without its frame", () => {
    const dump = [
      "PRAGMA foreign_keys=OFF;",
      "BEGIN TRANSACTION;",
      "CREATE TABLE IF NOT EXISTS t (",
      "  a text",
      ");",
      "INSERT INTO t VALUES('x;');",
      "INSERT INTO t VALUES(replace('a\\nb','\\n',char(10)));",
      "CREATE TRIGGER tr AFTER INSERT ON t BEGIN",
      "INSERT INTO t VALUES('y');",
      "INSERT INTO t VALUES('z');",
      "END;",
      "COMMIT;",
    ].join("\n");
    const chunks = splitSqlDump(dump, 1);
    expect(chunks).toEqual([
      "CREATE TABLE IF NOT EXISTS t (\n  a text\n);\nINSERT INTO t VALUES('x;');",
      "INSERT INTO t VALUES(replace('a\\nb','\\n',char(10)));",
      "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\nINSERT INTO t VALUES('y');\nINSERT INTO t VALUES('z');\nEND;",
    ]);
    expect(splitSqlDump(dump).join("\n")).toBe(chunks.join("\n"));
  });
});
