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
  }
}

export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}

export class AccountLocked extends CredentialsSignin {
  override code = "locked";
}

const SESSION_HOURS = Number(process.env.SESSION_MAX_AGE_HOURS ?? 10);

export const authConfig = {
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
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
      if (user?.id) return { sub: user.id, sv: user.sessionVersion ?? 1 };
      return { sub: token.sub, sv: token.sv };
    },
    session({ session, token }) {
      return {
        expires: session.expires,
        userId: typeof token.sub === "string" ? token.sub : undefined,
        sessionVersion: typeof token.sv === "number" ? token.sv : undefined,
      } as typeof session;
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
