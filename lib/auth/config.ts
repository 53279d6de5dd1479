import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { signInSchema } from "@/lib/validation/auth";
import { verifyCredentials } from "./credentials";
import { clientIp } from "./ip";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    userId?: string;
    sessionVersion?: number;
    /** This sign-in's id (the JWT's `sid`): sign-out revokes it server-side. */
    sessionId?: string;
  }
}

export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}

export class AccountLocked extends CredentialsSignin {
  override code = "locked";
}

const SESSION_HOURS = Number(process.env.SESSION_MAX_AGE_HOURS ?? 10);
/** How long a session cookie can stay valid after its last refresh (a revocation must outlive it). */
export const SESSION_MAX_AGE_SECONDS = SESSION_HOURS * 3600;

export const authConfig = {
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
    warn() {},
    debug() {},
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new InvalidCredentials();
        const result = await verifyCredentials({ ...parsed.data, ip: clientIp(request.headers) });
        if (result.ok) return { id: result.userId, sessionVersion: result.sessionVersion };
        if (result.reason === "locked") throw new AccountLocked();
        throw new InvalidCredentials();
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) return { sub: user.id, sv: user.sessionVersion ?? 1, sid: crypto.randomUUID() };
      return { sub: token.sub, sv: token.sv, sid: token.sid };
    },
    session({ session, token }) {
      return {
        expires: session.expires,
        userId: typeof token.sub === "string" ? token.sub : undefined,
        sessionVersion: typeof token.sv === "number" ? token.sv : undefined,
        sessionId: typeof token.sid === "string" ? token.sid : undefined,
      } as typeof session;
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
