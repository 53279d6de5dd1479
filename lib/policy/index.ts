export * from "./catalog";
export * from "./can";
export * from "./scopes";
