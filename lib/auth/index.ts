export { auth, handlers, signIn, signOut, AccountLocked, InvalidCredentials } from "./config";
export { getViewer, requireViewer } from "./viewer";
