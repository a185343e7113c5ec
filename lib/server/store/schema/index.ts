/* Every table the product keeps, in one schema object for Drizzle and drizzle-kit. */
export * from "./directory";
export * from "./audit";
export * from "./seed-lists";
export * from "./sessions";
export * from "./saved-work";
