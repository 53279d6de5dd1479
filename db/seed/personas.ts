/** The demo district's sign-in personas (README persona table). One shared demo password. */
export const DEMO_PASSWORD = "planpath-demo";
export const DEMO_DOMAIN = "riverbend.example.org";

export const PERSONAS = {
  admin: { email: `admin@${DEMO_DOMAIN}`, name: "Dana Whitfield", role: "district_admin" },
  principalMaple: { email: `principal.maple@${DEMO_DOMAIN}`, name: "Marcus Reyes", role: "principal" },
  principalHigh: { email: `principal.high@${DEMO_DOMAIN}`, name: "Helen Okafor", role: "principal" },
  caseManagerMaple: { email: `cm.maple@${DEMO_DOMAIN}`, name: "Priya Natarajan", role: "case_manager" },
  caseManagerHigh: { email: `cm.high@${DEMO_DOMAIN}`, name: "Tom Kowalski", role: "case_manager" },
  teacherMaple3: { email: `teacher.liu@${DEMO_DOMAIN}`, name: "Grace Liu", role: "teacher" },
  teacherMaple4: { email: `teacher.brooks@${DEMO_DOMAIN}`, name: "Samuel Brooks", role: "teacher" },
  teacherEnglish: { email: `teacher.morales@${DEMO_DOMAIN}`, name: "Ana Morales", role: "teacher" },
  teacherMath: { email: `teacher.chen@${DEMO_DOMAIN}`, name: "David Chen", role: "teacher" },
  provider: { email: `slp.grant@${DEMO_DOMAIN}`, name: "Olivia Grant", role: "provider" },
  substitute: { email: `sub.blake@${DEMO_DOMAIN}`, name: "Jordan Blake", role: "teacher" },
  parentGarcia: { email: `lucia.garcia@${DEMO_DOMAIN}`, name: "Lucía García", role: "parent", locale: "es" },
  parentJohnson: { email: `keisha.johnson@${DEMO_DOMAIN}`, name: "Keisha Johnson", role: "parent" },
  parentMiller: { email: `robert.miller@${DEMO_DOMAIN}`, name: "Robert Miller", role: "parent" },
} as const satisfies Record<string, { email: string; name: string; role: string; locale?: "en" | "es" }>;

export type PersonaKey = keyof typeof PERSONAS;
