import { afterAll } from "vitest";
import { cleanup } from "./test-db";

// Runs in every integration test file: closes the databases it opened, even if it forgot to.
afterAll(cleanup);
